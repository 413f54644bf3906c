#!/usr/bin/env python3
"""Generate a synthetic C/C++ codebase of a requested size, for benchmarks.

    tests/bench/gencode.py OUT --lines 100000 [--seed 1] [--cxx 0.2] [--cxx-heavy]

Writes OUT/ (emptied first only when it holds a previous generation, see
--force) with:

  include/common/*.h          shared headers included by every TU (types,
                              inline byte readers, logging macros, limits)
  include/<module>/<file>.h   the public header of each C source
  include/<module>/<file>.hpp the public header of each C++ source (with a
                              C-compatible <file>_api.h for its entry point)
  src/<module>/internal.h     a private header shared by a module's sources
  src/<module>/<file>.c|.cpp  the sources: byte parsers with length fields
                              (memcpy with sizes read from the buffer),
                              allocations and frees, realloc-grown arrays,
                              strcpy/strcat/sprintf/snprintf, loops and nested
                              loops, switch-based tokenizers, linked lists,
                              stdio config loaders, call chains into the
                              modules it depends on
  src/common/*.c, src/main.c  helpers and a main calling every C module
  compile_commands.json       one `gcc`/`g++` command per source (-I, -D, -O2,
                              -c, -o), as a build would record it
  bench-manifest.json         what was generated (files, TUs, lines)

--cxx-heavy: every source is C++ and includes <vector>, <map>, <string>,
<algorithm>, <unordered_map>, <memory>, <functional>, <iostream>, <sstream>,
<set>, <optional> and uses them (classes holding containers, lambdas passed to
std::sort and std::function, shared_ptr registries, streams).

"Lines" are non-blank lines of the generated sources and headers; generation
stops at the first module boundary past the target. The output is a pure
function of the options (random.Random(seed), no clock, no hash()). Standard
library only. All the code is produced here from templates; nothing is copied
from other projects.
"""

import argparse
import json
import os
import random
import shutil
import sys

MODULE_WORDS = [
    "net", "codec", "frame", "session", "store", "cache", "auth", "crypto", "proto",
    "config", "index", "stream", "packet", "image", "audio", "font", "archive", "query",
    "route", "sched", "event", "timer", "table", "journal", "blob", "wire", "tls", "dns",
    "http", "json", "xml", "csv", "zip", "mesh", "peer", "chunk", "pixel", "glyph", "tile",
    "vector", "ledger", "policy", "token", "cursor", "bucket", "shard", "replica", "probe",
]
FILE_WORDS = [
    "reader", "writer", "parser", "encoder", "decoder", "table", "queue", "pool", "map",
    "header", "record", "field", "buffer", "ring", "list", "tree", "heap", "filter",
    "loader", "dumper", "scanner", "lexer", "packer", "framer", "mux", "cache", "index",
    "state", "stats", "digest", "cipher", "router", "handler", "codec", "block", "page",
]
THING_WORDS = [
    "header", "record", "entry", "chunk", "item", "node", "field", "block", "packet",
    "frame", "message", "segment", "option", "attr", "label", "slot", "cell", "span",
]
EXTRA_FIELDS = [
    ("int32_t", "offset"), ("int32_t", "delta"), ("uint64_t", "stamp"), ("double", "weight"),
    ("double", "ratio"), ("uint16_t", "port"), ("uint32_t", "crc"), ("int", "state"),
    ("uint8_t", "level"), ("uint32_t", "seq"), ("int64_t", "total"), ("float", "scale"),
]


class Out:
    """Lines of one file, with indentation."""

    def __init__(self):
        self.lines = []
        self.ind = 0

    def __call__(self, text=""):
        if text:
            self.lines.append("    " * self.ind + text)
        else:
            self.lines.append("")

    def open(self, text):
        self(text + " {")
        self.ind += 1

    def close(self, text="}"):
        self.ind -= 1
        self(text)

    def text(self):
        return "\n".join(self.lines) + "\n"


def nonblank(text):
    return sum(1 for line in text.split("\n") if line.strip())


class Gen:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.files = {}  # relative path -> text
        self.sources = []  # (relative path, is_cxx)
        self.lines = 0
        self.modules = []  # dicts

    # ---------------------------------------------------------------- output
    def write(self, rel, text):
        self.files[rel] = text
        self.lines += nonblank(text)

    # ---------------------------------------------------------------- names
    def module_name(self, i):
        w = MODULE_WORDS[i % len(MODULE_WORDS)]
        n = i // len(MODULE_WORDS)
        return w if n == 0 else "%s%d" % (w, n + 1)

    # ---------------------------------------------------------- common files
    def gen_common(self):
        o = Out()
        o("#ifndef COMMON_TYPES_H")
        o("#define COMMON_TYPES_H")
        o()
        o("#include <stddef.h>")
        o("#include <stdint.h>")
        o()
        o("#ifdef __cplusplus")
        o('extern "C" {')
        o("#endif")
        o()
        o("enum status {")
        for k, v in [("OK", 0), ("ERR_SHORT", -1), ("ERR_RANGE", -2), ("ERR_NOMEM", -3),
                     ("ERR_FORMAT", -4), ("ERR_IO", -5), ("ERR_STATE", -6), ("ERR_LIMIT", -7)]:
            o("    STATUS_%s = %d," % (k, v))
        o("};")
        o()
        o("struct byte_view {")
        o("    const uint8_t *data;")
        o("    size_t len;")
        o("};")
        o()
        o("struct list_node {")
        o("    struct list_node *next;")
        o("    struct list_node *prev;")
        o("    uint32_t key;")
        o("    void *value;")
        o("};")
        o()
        o("struct token {")
        o("    int kind;")
        o("    size_t start;")
        o("    size_t len;")
        o("    long number;")
        o("};")
        o()
        o("enum token_kind { TOK_END, TOK_WORD, TOK_NUMBER, TOK_STRING, TOK_PUNCT, TOK_ERROR };")
        o()
        o("typedef int (*visit_fn)(void *ctx, const uint8_t *data, size_t len);")
        o()
        o("#ifdef __cplusplus")
        o("}")
        o("#endif")
        o()
        o("#endif /* COMMON_TYPES_H */")
        self.write("include/common/types.h", o.text())

        o = Out()
        o("#ifndef COMMON_BOUNDS_H")
        o("#define COMMON_BOUNDS_H")
        o()
        for name, val in [("MAX_NAME", 32), ("MAX_LABEL", 64), ("MAX_FIELDS", 8),
                          ("MAX_TOKENS", 256), ("MAX_LINE", 512), ("MAX_PATH_LEN", 256),
                          ("MAX_RECORDS", 1024), ("MATRIX_DIM", 16), ("HASH_BUCKETS", 64)]:
            o("#define %s %d" % (name, val))
        o()
        o("#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))")
        o("#define MIN(a, b) ((a) < (b) ? (a) : (b))")
        o("#define MAX(a, b) ((a) > (b) ? (a) : (b))")
        o("#define CLAMP(v, lo, hi) ((v) < (lo) ? (lo) : ((v) > (hi) ? (hi) : (v)))")
        o("#define UNUSED(x) ((void)(x))")
        o()
        o("#endif /* COMMON_BOUNDS_H */")
        self.write("include/common/bounds.h", o.text())

        o = Out()
        o("#ifndef COMMON_BYTES_H")
        o("#define COMMON_BYTES_H")
        o()
        o('#include "common/types.h"')
        o()
        for bits in (16, 32):
            n = bits // 8
            for endian in ("be", "le"):
                o("static inline uint%d_t read_u%d_%s(const uint8_t *p)" % (bits, bits, endian))
                o("{")
                terms = []
                for i in range(n):
                    shift = (n - 1 - i) * 8 if endian == "be" else i * 8
                    terms.append("((uint%d_t)p[%d] << %d)" % (bits, i, shift))
                o("    return (uint%d_t)(%s);" % (bits, " | ".join(terms)))
                o("}")
                o()
                o("static inline void write_u%d_%s(uint8_t *p, uint%d_t v)" % (bits, endian, bits))
                o("{")
                for i in range(n):
                    shift = (n - 1 - i) * 8 if endian == "be" else i * 8
                    o("    p[%d] = (uint8_t)(v >> %d);" % (i, shift))
                o("}")
                o()
        o("static inline uint32_t hash_bytes(const uint8_t *p, size_t n)")
        o("{")
        o("    uint32_t h = 2166136261u;")
        o("    for (size_t i = 0; i < n; i++) {")
        o("        h ^= p[i];")
        o("        h *= 16777619u;")
        o("    }")
        o("    return h;")
        o("}")
        o()
        o("#endif /* COMMON_BYTES_H */")
        self.write("include/common/bytes.h", o.text())

        o = Out()
        o("#ifndef COMMON_LOG_H")
        o("#define COMMON_LOG_H")
        o()
        o("#include <stdio.h>")
        o()
        o("#ifdef __cplusplus")
        o('extern "C" {')
        o("#endif")
        o()
        o("enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };")
        o("extern int log_threshold;")
        o("void log_message(int level, const char *file, int line, const char *fmt, ...);")
        o("void log_hexdump(const char *what, const unsigned char *data, size_t len);")
        o()
        o("#define LOG_D(...) log_message(LOG_DEBUG, __FILE__, __LINE__, __VA_ARGS__)")
        o("#define LOG_I(...) log_message(LOG_INFO, __FILE__, __LINE__, __VA_ARGS__)")
        o("#define LOG_W(...) log_message(LOG_WARN, __FILE__, __LINE__, __VA_ARGS__)")
        o("#define LOG_E(...) log_message(LOG_ERROR, __FILE__, __LINE__, __VA_ARGS__)")
        o()
        o("#ifdef __cplusplus")
        o("}")
        o("#endif")
        o()
        o("#endif /* COMMON_LOG_H */")
        self.write("include/common/log.h", o.text())

        o = Out()
        o("#include <stdarg.h>")
        o("#include <stdio.h>")
        o("#include <string.h>")
        o()
        o('#include "common/log.h"')
        o()
        o("int log_threshold = LOG_INFO;")
        o()
        o("void log_message(int level, const char *file, int line, const char *fmt, ...)")
        o("{")
        o("    static const char *names[] = {\"debug\", \"info\", \"warn\", \"error\"};")
        o("    char buf[512];")
        o("    va_list ap;")
        o("    if (level < log_threshold)")
        o("        return;")
        o("    va_start(ap, fmt);")
        o("    vsnprintf(buf, sizeof(buf), fmt, ap);")
        o("    va_end(ap);")
        o("    fprintf(stderr, \"%s:%d: %s: %s\\n\", file, line, names[level & 3], buf);")
        o("}")
        o()
        o("void log_hexdump(const char *what, const unsigned char *data, size_t len)")
        o("{")
        o("    char line[80];")
        o("    for (size_t off = 0; off < len; off += 16) {")
        o("        size_t pos = 0;")
        o("        for (size_t i = off; i < off + 16 && i < len; i++)")
        o("            pos += (size_t)sprintf(line + pos, \"%02x \", data[i]);")
        o("        line[pos] = '\\0';")
        o("        LOG_D(\"%s %04zx: %s\", what, off, line);")
        o("    }")
        o("}")
        self.write("src/common/log.c", o.text())
        self.sources.append(("src/common/log.c", False))

    # --------------------------------------------------------------- C files
    def plan_file(self, mod, fname, cxx):
        rng = self.rng
        prefix = "%s_%s" % (mod["name"], fname)
        things = rng.sample(THING_WORDS, rng.randint(1, 3))
        structs = []
        for t in things:
            extras = rng.sample(EXTRA_FIELDS, rng.randint(1, 4))
            structs.append({"name": "%s_%s" % (prefix, t), "thing": t, "extras": extras,
                            "namelen": rng.choice(["MAX_NAME", "16", "24", "MAX_LABEL"])})
        return {"name": fname, "prefix": prefix, "structs": structs, "cxx": cxx,
                "module": mod["name"], "funcs": []}

    def c_header(self, f, mod):
        o = Out()
        guard = ("%s_H" % f["prefix"]).upper()
        o("#ifndef %s" % guard)
        o("#define %s" % guard)
        o()
        o("#include <stddef.h>")
        o("#include <stdint.h>")
        o()
        o('#include "common/types.h"')
        o('#include "common/bounds.h"')
        o()
        o("#ifdef __cplusplus")
        o('extern "C" {')
        o("#endif")
        o()
        for s in f["structs"]:
            o("struct %s_field {" % s["name"])
            o("    uint8_t tag;")
            o("    uint8_t len;")
            o("    uint32_t value;")
            o("};")
            o()
            o("struct %s {" % s["name"])
            o("    char name[%s];" % s["namelen"])
            o("    uint8_t version;")
            o("    uint8_t flags;")
            o("    uint16_t kind;")
            o("    uint32_t count;")
            o("    uint8_t *data;")
            o("    size_t len;")
            o("    size_t cap;")
            o("    char *label;")
            o("    struct %s_field fields[MAX_FIELDS];" % s["name"])
            for ty, nm in s["extras"]:
                o("    %s %s;" % (ty, nm))
            o("    struct %s *next;" % s["name"])
            o("};")
            o()
        for proto in f["protos"]:
            o(proto + ";")
        o()
        o("#ifdef __cplusplus")
        o("}")
        o("#endif")
        o()
        o("#endif /* %s */" % guard)
        return o.text()

    def gen_c_file(self, f, mod, callees):
        """Body of a C source; fills f['protos'] with its public prototypes."""
        rng = self.rng
        p = f["prefix"]
        o = Out()
        includes = ["<stdio.h>", "<stdlib.h>", "<string.h>"]
        if rng.random() < 0.3:
            includes.append("<ctype.h>")
        if rng.random() < 0.2:
            includes.append("<errno.h>")
        for inc in includes:
            o("#include %s" % inc)
        o()
        o('#include "%s/%s.h"' % (mod["name"], f["name"]))
        o('#include "internal.h"')
        o('#include "common/bytes.h"')
        o('#include "common/log.h"')
        for c in callees:
            o('#include "%s"' % c["header"])
        o()
        protos = []
        body = Out()
        statics = []
        # One table per file (read-only data), as parsers often have.
        tbl = "%s_crc_table" % p
        body("static const uint32_t %s[16] = {" % tbl)
        vals = ["0x%08xu" % rng.getrandbits(32) for _ in range(16)]
        for i in range(0, 16, 4):
            body("    " + ", ".join(vals[i:i + 4]) + ",")
        body("};")
        body()
        kinds = ["parse", "create", "destroy", "describe", "checksum", "append", "matrix",
                 "tokenize", "sort", "list", "load", "validate", "encode", "histogram"]
        n_funcs = rng.randint(self.args.min_funcs, self.args.max_funcs)
        chosen = ["parse", "create", "destroy", "checksum"] + [
            rng.choice(kinds) for _ in range(max(0, n_funcs - 4))]
        counter = {}
        for n, k in enumerate(chosen):
            counter[k] = counter.get(k, 0) + 1
            # The entry point parses structs[0]: the mandatory functions use it.
            s = f["structs"][0] if n < 4 else rng.choice(f["structs"])
            suffix = "" if counter[k] == 1 else str(counter[k])
            getattr(self, "c_" + k)(body, p, s, suffix, protos, statics, tbl)
            body()
        # The entry point: a call chain within the file and into dependencies.
        self.c_process(body, f, callees, protos)
        for st in statics:
            o(st + ";")
        if statics:
            o()
        o.lines.extend(body.lines)
        f["protos"] = protos
        return o.text()

    # Each c_<kind> appends one or more functions to `o` and their public
    # prototypes to `protos`.
    def c_parse(self, o, p, s, sfx, protos, statics, tbl):
        rng = self.rng
        sn = s["name"]
        lenty = rng.choice(["16", "16", "32", "8"])
        sig = "int %s_parse_%s%s(const uint8_t *buf, size_t len, struct %s *out)" % (
            p, s["thing"], sfx, sn)
        protos.append(sig)
        checked = rng.random() < 0.6
        o(sig)
        o("{")
        o.ind += 1
        o("size_t off = 0;")
        o("uint32_t i;")
        o("if (buf == NULL || out == NULL)")
        o("    return STATUS_ERR_STATE;")
        o("if (len < 8)")
        o("    return STATUS_ERR_SHORT;")
        o("memset(out, 0, sizeof(*out));")
        o("out->version = buf[off++];")
        o("out->flags = buf[off++];")
        o("out->kind = read_u16_be(buf + off);")
        o("off += 2;")
        if lenty == "8":
            o("uint8_t name_len = buf[off++];")
        elif lenty == "16":
            o("uint16_t name_len = read_u16_be(buf + off);")
            o("off += 2;")
        else:
            o("uint32_t name_len = read_u32_le(buf + off);")
            o("off += 4;")
        o("if (off + name_len > len)")
        o("    return STATUS_ERR_SHORT;")
        if checked:
            o("if (name_len >= sizeof(out->name))")
            o("    return STATUS_ERR_RANGE;")
        o("memcpy(out->name, buf + off, name_len);")
        o("out->name[name_len] = '\\0';")
        o("off += name_len;")
        o("if (off + 4 > len)")
        o("    return STATUS_ERR_SHORT;")
        o("out->count = read_u32_be(buf + off);")
        o("off += 4;")
        o("for (i = 0; i < out->count && off + 2 <= len; i++) {")
        o("    uint8_t tag = buf[off++];")
        o("    uint8_t vlen = buf[off++];")
        o("    if (off + vlen > len)")
        o("        return STATUS_ERR_SHORT;")
        o("    switch (tag) {")
        ncase = rng.randint(2, 6)
        for c in range(1, ncase + 1):
            o("    case %d:" % c)
            act = rng.randint(0, 3)
            if act == 0:
                o("        memcpy(&out->fields[i].value, buf + off, vlen);")
            elif act == 1:
                o("        out->fields[i].value = vlen >= 4 ? read_u32_be(buf + off) : buf[off];")
            elif act == 2:
                o("        out->flags |= (uint8_t)(1u << (buf[off] & 7));")
            else:
                o("        out->fields[i %% MAX_FIELDS].value += (uint32_t)vlen * %du;" % rng.randint(2, 99))
            o("        out->fields[i].tag = tag;")
            o("        out->fields[i].len = vlen;")
            o("        break;")
        o("    default:")
        o("        LOG_W(\"%s: unknown tag %%u at %%zu\", (unsigned)tag, off);" % sn)
        o("        break;")
        o("    }")
        o("    off += vlen;")
        o("}")
        if rng.random() < 0.5:
            o("if (off + 2 <= len) {")
            o("    uint16_t body_len = read_u16_be(buf + off);")
            o("    off += 2;")
            o("    out->data = (uint8_t *)malloc(body_len);")
            o("    if (out->data == NULL)")
            o("        return STATUS_ERR_NOMEM;")
            o("    memcpy(out->data, buf + off, body_len);")
            o("    out->len = body_len;")
            o("    off += MIN((size_t)body_len, len - off);")
            o("}")
        o("return (int)off;")
        o.close()

    def c_create(self, o, p, s, sfx, protos, statics, tbl):
        sn = s["name"]
        sig = "struct %s *%s_create%s(const char *name, size_t cap)" % (sn, sn, sfx)
        protos.append(sig)
        o(sig)
        o("{")
        o.ind += 1
        o("struct %s *obj = (struct %s *)malloc(sizeof(*obj));" % (sn, sn))
        o("if (obj == NULL)")
        o("    return NULL;")
        o("memset(obj, 0, sizeof(*obj));")
        if self.rng.random() < 0.5:
            o("strcpy(obj->name, name);")
        else:
            o("strncpy(obj->name, name, sizeof(obj->name) - 1);")
        o("obj->data = (uint8_t *)calloc(cap ? cap : 1, 1);")
        o("if (obj->data == NULL) {")
        o("    free(obj);")
        o("    return NULL;")
        o("}")
        o("obj->cap = cap;")
        o("obj->label = (char *)malloc(strlen(name) + 8);")
        o("if (obj->label != NULL)")
        o("    sprintf(obj->label, \"<%s>\", name);")
        for ty, nm in s["extras"]:
            o("obj->%s = (%s)0;" % (nm, ty))
        o("return obj;")
        o.close()

    def c_destroy(self, o, p, s, sfx, protos, statics, tbl):
        sn = s["name"]
        sig = "void %s_destroy%s(struct %s *obj)" % (sn, sfx, sn)
        protos.append(sig)
        o(sig)
        o("{")
        o.ind += 1
        o("while (obj != NULL) {")
        o("    struct %s *next = obj->next;" % sn)
        o("    free(obj->data);")
        o("    free(obj->label);")
        o("    free(obj);")
        o("    obj = next;")
        o("}")
        o.close()

    def c_describe(self, o, p, s, sfx, protos, statics, tbl):
        sn = s["name"]
        sig = "int %s_describe%s(const struct %s *obj, char *out, size_t outlen)" % (sn, sfx, sn)
        protos.append(sig)
        o(sig)
        o("{")
        o.ind += 1
        o("char tmp[128];")
        o("char flags[16];")
        o("size_t i, n = 0;")
        o("strcpy(tmp, obj->name);")
        o("strcat(tmp, \":\");")
        o("if (obj->label != NULL)")
        o("    strcat(tmp, obj->label);")
        o("for (i = 0; i < 8; i++)")
        o("    flags[n++] = (obj->flags & (1u << i)) ? \"abcdefgh\"[i] : '-';")
        o("flags[n] = '\\0';")
        extra = s["extras"][0]
        fmt = {"double": "%g", "float": "%g", "int64_t": "%lld", "uint64_t": "%llu"}.get(extra[0], "%d")
        cast = {"int64_t": "(long long)", "uint64_t": "(unsigned long long)"}.get(extra[0], "")
        if fmt == "%d" and extra[0] != "int":
            cast = "(int)"
        if self.rng.random() < 0.7:
            o("return snprintf(out, outlen, \"%%s v%%u [%%s] count=%%u %s=%s\", tmp, (unsigned)obj->version," % (extra[1], fmt))
            o("                flags, (unsigned)obj->count, %sobj->%s);" % (cast, extra[1]))
        else:
            o("UNUSED(outlen);")
            o("return sprintf(out, \"%%s v%%u [%%s] count=%%u %s=%s\", tmp, (unsigned)obj->version," % (extra[1], fmt))
            o("               flags, (unsigned)obj->count, %sobj->%s);" % (cast, extra[1]))
        o.close()

    def c_checksum(self, o, p, s, sfx, protos, statics, tbl):
        sig = "uint32_t %s_checksum%s(const uint8_t *buf, size_t len)" % (p, sfx)
        protos.append(sig)
        o(sig)
        o("{")
        o.ind += 1
        o("uint32_t crc = 0xffffffffu;")
        o("size_t i;")
        o("for (i = 0; i < len; i++) {")
        o("    crc ^= buf[i];")
        o("    crc = (crc >> 4) ^ %s[crc & 15];" % tbl)
        o("    crc = (crc >> 4) ^ %s[crc & 15];" % tbl)
        o("}")
        if self.rng.random() < 0.5:
            o("crc ^= hash_bytes(buf, MIN(len, (size_t)64));")
        o("return ~crc;")
        o.close()

    def c_append(self, o, p, s, sfx, protos, statics, tbl):
        sn = s["name"]
        sig = "int %s_append%s(struct %s *obj, const uint8_t *data, size_t n)" % (sn, sfx, sn)
        protos.append(sig)
        o(sig)
        o("{")
        o.ind += 1
        o("if (obj->len + n > obj->cap) {")
        o("    size_t ncap = obj->cap ? obj->cap * 2 : 64;")
        o("    while (ncap < obj->len + n)")
        o("        ncap *= 2;")
        o("    uint8_t *grown = (uint8_t *)realloc(obj->data, ncap);")
        o("    if (grown == NULL)")
        o("        return STATUS_ERR_NOMEM;")
        o("    obj->data = grown;")
        o("    obj->cap = ncap;")
        o("}")
        o("memcpy(obj->data + obj->len, data, n);")
        o("obj->len += n;")
        o("obj->count++;")
        o("return STATUS_OK;")
        o.close()

    def c_matrix(self, o, p, s, sfx, protos, statics, tbl):
        rng = self.rng
        sig = "void %s_transform%s(int32_t *m, size_t rows, size_t cols, int32_t k)" % (p, sfx)
        protos.append(sig)
        o(sig)
        o("{")
        o.ind += 1
        o("int32_t tmp[MATRIX_DIM][MATRIX_DIM];")
        o("size_t r, c, i;")
        o("if (rows > MATRIX_DIM || cols > MATRIX_DIM)")
        o("    return;")
        o("for (r = 0; r < rows; r++) {")
        o("    for (c = 0; c < cols; c++) {")
        o("        int32_t acc = 0;")
        o("        for (i = 0; i < cols; i++)")
        o("            acc += m[r * cols + i] * m[i * cols + c];")
        o("        tmp[r][c] = acc / (k ? k : 1);")
        o("    }")
        o("}")
        if rng.random() < 0.5:
            o("for (r = 1; r + 1 < rows; r++)")
            o("    for (c = 1; c + 1 < cols; c++)")
            o("        tmp[r][c] = (tmp[r - 1][c] + tmp[r + 1][c] + tmp[r][c - 1] + tmp[r][c + 1]) / 4;")
        o("for (r = 0; r < rows; r++)")
        o("    memcpy(m + r * cols, tmp[r], cols * sizeof(int32_t));")
        o.close()

    def c_tokenize(self, o, p, s, sfx, protos, statics, tbl):
        sig = "int %s_tokenize%s(const char *text, struct token *toks, size_t max)" % (p, sfx)
        protos.append(sig)
        o(sig)
        o("{")
        o.ind += 1
        o("size_t pos = 0, n = 0;")
        o("while (text[pos] != '\\0') {")
        o("    char ch = text[pos];")
        o("    struct token *t;")
        o("    if (ch == ' ' || ch == '\\t' || ch == '\\n') {")
        o("        pos++;")
        o("        continue;")
        o("    }")
        o("    if (n >= max)")
        o("        return STATUS_ERR_LIMIT;")
        o("    t = &toks[n++];")
        o("    t->start = pos;")
        o("    switch (ch) {")
        o("    case '0': case '1': case '2': case '3': case '4':")
        o("    case '5': case '6': case '7': case '8': case '9':")
        o("        t->kind = TOK_NUMBER;")
        o("        t->number = 0;")
        o("        while (text[pos] >= '0' && text[pos] <= '9')")
        o("            t->number = t->number * 10 + (text[pos++] - '0');")
        o("        break;")
        o("    case '\"':")
        o("        t->kind = TOK_STRING;")
        o("        pos++;")
        o("        while (text[pos] != '\\0' && text[pos] != '\"') {")
        o("            if (text[pos] == '\\\\' && text[pos + 1] != '\\0')")
        o("                pos++;")
        o("            pos++;")
        o("        }")
        o("        if (text[pos] == '\"')")
        o("            pos++;")
        o("        break;")
        for punct in self.rng.sample(list("(){}[];,=+-*/<>"), self.rng.randint(2, 6)):
            o("    case '%s':" % punct)
        o("        t->kind = TOK_PUNCT;")
        o("        pos++;")
        o("        break;")
        o("    default:")
        o("        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_') {")
        o("            t->kind = TOK_WORD;")
        o("            while ((text[pos] >= 'a' && text[pos] <= 'z') || (text[pos] >= 'A' && text[pos] <= 'Z') ||")
        o("                   (text[pos] >= '0' && text[pos] <= '9') || text[pos] == '_')")
        o("                pos++;")
        o("        } else {")
        o("            t->kind = TOK_ERROR;")
        o("            pos++;")
        o("        }")
        o("        break;")
        o("    }")
        o("    t->len = pos - t->start;")
        o("}")
        o("return (int)n;")
        o.close()

    def c_sort(self, o, p, s, sfx, protos, statics, tbl):
        sn = s["name"]
        sig = "void %s_sort%s(struct %s *items, size_t n)" % (sn, sfx, sn)
        protos.append(sig)
        o(sig)
        o("{")
        o.ind += 1
        o("size_t i, j;")
        o("for (i = 0; i + 1 < n; i++) {")
        o("    for (j = 0; j + 1 < n - i; j++) {")
        o("        if (items[j].count > items[j + 1].count ||")
        o("            (items[j].count == items[j + 1].count && strcmp(items[j].name, items[j + 1].name) > 0)) {")
        o("            struct %s tmp = items[j];" % sn)
        o("            items[j] = items[j + 1];")
        o("            items[j + 1] = tmp;")
        o("        }")
        o("    }")
        o("}")
        o.close()

    def c_list(self, o, p, s, sfx, protos, statics, tbl):
        sig = "struct list_node *%s_list_insert%s(struct list_node *head, uint32_t key, void *value)" % (p, sfx)
        protos.append(sig)
        o(sig)
        o("{")
        o.ind += 1
        o("struct list_node *node = (struct list_node *)malloc(sizeof(*node));")
        o("struct list_node *cur = head;")
        o("if (node == NULL)")
        o("    return head;")
        o("node->key = key;")
        o("node->value = value;")
        o("node->next = NULL;")
        o("node->prev = NULL;")
        o("if (head == NULL || head->key > key) {")
        o("    node->next = head;")
        o("    if (head != NULL)")
        o("        head->prev = node;")
        o("    return node;")
        o("}")
        o("while (cur->next != NULL && cur->next->key <= key)")
        o("    cur = cur->next;")
        o("node->next = cur->next;")
        o("node->prev = cur;")
        o("if (cur->next != NULL)")
        o("    cur->next->prev = node;")
        o("cur->next = node;")
        o("return head;")
        o.close()
        o()
        sig2 = "void %s_list_free%s(struct list_node *head)" % (p, sfx)
        protos.append(sig2)
        o(sig2)
        o("{")
        o.ind += 1
        o("while (head != NULL) {")
        o("    struct list_node *next = head->next;")
        o("    free(head);")
        o("    head = next;")
        o("}")
        o.close()

    def c_load(self, o, p, s, sfx, protos, statics, tbl):
        sn = s["name"]
        sig = "int %s_load%s(const char *path, struct %s *obj)" % (sn, sfx, sn)
        protos.append(sig)
        o(sig)
        o("{")
        o.ind += 1
        o("char line[MAX_LINE];")
        o("char key[64], value[256];")
        o("int lineno = 0;")
        o("FILE *fp = fopen(path, \"r\");")
        o("if (fp == NULL) {")
        o("    LOG_E(\"cannot open %s\", path);")
        o("    return STATUS_ERR_IO;")
        o("}")
        o("while (fgets(line, sizeof(line), fp) != NULL) {")
        o("    lineno++;")
        o("    if (line[0] == '#' || line[0] == '\\n')")
        o("        continue;")
        o("    if (sscanf(line, \"%63[^=]=%255s\", key, value) != 2) {")
        o("        LOG_W(\"%s:%d: malformed line\", path, lineno);")
        o("        continue;")
        o("    }")
        o("    if (strcmp(key, \"name\") == 0)")
        o("        strcpy(obj->name, value);")
        o("    else if (strcmp(key, \"version\") == 0)")
        o("        obj->version = (uint8_t)atoi(value);")
        o("    else if (strcmp(key, \"count\") == 0)")
        o("        obj->count = (uint32_t)strtoul(value, NULL, 10);")
        o("    else if (strcmp(key, \"label\") == 0) {")
        o("        free(obj->label);")
        o("        obj->label = strdup(value);")
        o("    }")
        o("}")
        o("fclose(fp);")
        o("return STATUS_OK;")
        o.close()

    def c_validate(self, o, p, s, sfx, protos, statics, tbl):
        sn = s["name"]
        name = "%s_validate%s" % (sn, sfx)
        statics.append("static int %s(const struct %s *obj)" % (name, sn))
        o("static int %s(const struct %s *obj)" % (name, sn))
        o("{")
        o.ind += 1
        o("uint32_t i;")
        o("if (obj->version == 0 || obj->version > %d)" % self.rng.randint(2, 9))
        o("    return STATUS_ERR_FORMAT;")
        o("if (obj->count > MAX_FIELDS)")
        o("    return STATUS_ERR_RANGE;")
        o("for (i = 0; i < obj->count; i++) {")
        o("    if (obj->fields[i].tag == 0)")
        o("        return STATUS_ERR_FORMAT;")
        o("    if (obj->fields[i].len > 4 && obj->fields[i].value == 0)")
        o("        LOG_D(\"field %u is empty\", (unsigned)i);")
        o("}")
        o("return obj->len <= obj->cap ? STATUS_OK : STATUS_ERR_STATE;")
        o.close()
        o()
        sig = "int %s_is_valid%s(const struct %s *obj)" % (sn, sfx, sn)
        protos.append(sig)
        o(sig)
        o("{")
        o("    return %s(obj) == STATUS_OK;" % name)
        o("}")

    def c_encode(self, o, p, s, sfx, protos, statics, tbl):
        sn = s["name"]
        sig = "size_t %s_encode%s(const struct %s *obj, uint8_t *out, size_t cap)" % (sn, sfx, sn)
        protos.append(sig)
        o(sig)
        o("{")
        o.ind += 1
        o("size_t off = 0, nlen = strlen(obj->name);")
        o("uint32_t i;")
        o("if (cap < 8 + nlen + obj->len)")
        o("    return 0;")
        o("out[off++] = obj->version;")
        o("out[off++] = obj->flags;")
        o("write_u16_be(out + off, obj->kind);")
        o("off += 2;")
        o("write_u16_be(out + off, (uint16_t)nlen);")
        o("off += 2;")
        o("memcpy(out + off, obj->name, nlen);")
        o("off += nlen;")
        o("for (i = 0; i < obj->count && i < MAX_FIELDS; i++) {")
        o("    if (off + 6 > cap)")
        o("        break;")
        o("    out[off++] = obj->fields[i].tag;")
        o("    out[off++] = 4;")
        o("    write_u32_le(out + off, obj->fields[i].value);")
        o("    off += 4;")
        o("}")
        o("memcpy(out + off, obj->data, obj->len);")
        o("return off + obj->len;")
        o.close()

    def c_histogram(self, o, p, s, sfx, protos, statics, tbl):
        sig = "double %s_entropy%s(const uint8_t *buf, size_t len)" % (p, sfx)
        protos.append(sig)
        o(sig)
        o("{")
        o.ind += 1
        o("size_t counts[256];")
        o("size_t i;")
        o("double h = 0.0;")
        o("memset(counts, 0, sizeof(counts));")
        o("for (i = 0; i < len; i++)")
        o("    counts[buf[i]]++;")
        o("for (i = 0; i < 256; i++) {")
        o("    double q;")
        o("    if (counts[i] == 0)")
        o("        continue;")
        o("    q = (double)counts[i] / (double)len;")
        o("    h -= q * (q < 0.5 ? q * 2.0 : 1.0 / q);")
        o("}")
        o("return h;")
        o.close()

    def c_process(self, o, f, callees, protos):
        rng = self.rng
        p = f["prefix"]
        sig = "int %s_process(const uint8_t *buf, size_t len)" % p
        protos.append(sig)
        s = f["structs"][0]
        sn = s["name"]
        o(sig)
        o("{")
        o.ind += 1
        o("struct %s rec;" % sn)
        o("char desc[256];")
        o("int rc;")
        o("size_t off = 0;")
        o("uint32_t sum = 0;")
        o("while (off < len) {")
        o("    rc = %s_parse_%s(buf + off, len - off, &rec);" % (p, s["thing"]))
        o("    if (rc <= 0)")
        o("        return rc;")
        o("    sum ^= %s_checksum(buf + off, (size_t)rc);" % p)
        for c in callees:
            o("    rc = %s_process(buf + off, (size_t)rc);" % c["prefix"])
            o("    if (rc < 0) {")
            o("        free(rec.data);")
            o("        return rc;")
            o("    }")
        if any(pr.startswith("int %s_describe(" % sn) for pr in protos):
            o("    %s_describe(&rec, desc, sizeof(desc));" % sn)
        else:
            o("    snprintf(desc, sizeof(desc), \"%s %%s\", rec.name);" % sn)
        o("    LOG_D(\"%s\", desc);")
        o("    free(rec.data);")
        o("    off += (size_t)(rc > 0 ? rc : 1);")
        o("}")
        o("return (int)(sum & 0x7fffffff);")
        o.close()

    # ------------------------------------------------------------- C++ light
    def gen_cxx_file(self, f, mod, callees, heavy):
        """A C++ source and its header (classes, new/delete, casts). Returns
        (source, header, api header)."""
        rng = self.rng
        p = f["prefix"]
        ns = p
        cls_names = []
        for s in f["structs"]:
            cls_names.append("".join(w.capitalize() for w in s["thing"].split("_")) + str(rng.randint(1, 9)))
        h = Out()
        guard = ("%s_HPP" % p).upper()
        h("#ifndef %s" % guard)
        h("#define %s" % guard)
        h()
        h("#include <cstddef>")
        h("#include <cstdint>")
        if heavy:
            for inc in ["<functional>", "<map>", "<memory>", "<string>", "<unordered_map>", "<vector>"]:
                h("#include %s" % inc)
        h()
        h('#include "common/types.h"')
        h('#include "common/bounds.h"')
        h()
        h("namespace %s {" % ns)
        h()
        if heavy:
            h("struct Record {")
            h("    std::string name;")
            h("    uint32_t id = 0;")
            h("    uint16_t kind = 0;")
            h("    std::vector<uint8_t> payload;")
            h("    std::map<std::string, int> attrs;")
            h("};")
            h()
        for s, cn in zip(f["structs"], cls_names):
            h("class %s {" % cn)
            h("public:")
            h("    explicit %s(const char *name, std::size_t cap);" % cn)
            h("    ~%s();" % cn)
            h("    %s(const %s &) = delete;" % (cn, cn))
            h("    %s &operator=(const %s &) = delete;" % (cn, cn))
            h("    int parse(const uint8_t *buf, std::size_t len);")
            h("    int describe(char *out, std::size_t outlen) const;")
            h("    uint32_t checksum() const;")
            h("    int append(const uint8_t *data, std::size_t n);")
            if heavy:
                h("    void addListener(std::function<void(const Record &)> fn);")
                h("    std::shared_ptr<Record> find(uint32_t id) const;")
                h("    std::vector<std::string> names() const;")
                h("    std::size_t size() const { return records_.size(); }")
            h("    double metric() const;")
            h("    const char *name() const { return name_; }")
            h("    uint32_t count() const { return count_; }")
            h()
            h("private:")
            h("    char name_[MAX_NAME];")
            h("    uint8_t version_ = 0;")
            h("    uint8_t flags_ = 0;")
            h("    uint32_t count_ = 0;")
            h("    uint8_t *data_ = nullptr;")
            h("    std::size_t len_ = 0;")
            h("    std::size_t cap_ = 0;")
            h("    char *label_ = nullptr;")
            for ty, nm in s["extras"]:
                h("    %s %s_ = 0;" % (ty, nm))
            if heavy:
                h("    std::unordered_map<uint32_t, std::shared_ptr<Record>> records_;")
                h("    std::vector<std::function<void(const Record &)>> listeners_;")
                h("    std::map<std::string, std::vector<uint32_t>> byName_;")
            h("};")
            h()
        if heavy:
            h("template <typename T, typename Pred>")
            h("std::vector<T> selectIf(const std::vector<T> &in, Pred pred)")
            h("{")
            h("    std::vector<T> out;")
            h("    for (const auto &v : in)")
            h("        if (pred(v))")
            h("            out.push_back(v);")
            h("    return out;")
            h("}")
            h()
        h("int process(const uint8_t *buf, std::size_t len);")
        h()
        h("} // namespace %s" % ns)
        h()
        h("#endif /* %s */" % guard)

        a = Out()
        aguard = ("%s_API_H" % p).upper()
        a("#ifndef %s" % aguard)
        a("#define %s" % aguard)
        a()
        a("#include <stddef.h>")
        a("#include <stdint.h>")
        a()
        a("#ifdef __cplusplus")
        a('extern "C" {')
        a("#endif")
        a("int %s_process(const uint8_t *buf, size_t len);" % p)
        a("#ifdef __cplusplus")
        a("}")
        a("#endif")
        a()
        a("#endif /* %s */" % aguard)

        o = Out()
        if heavy:
            for inc in ["<algorithm>", "<cstdio>", "<cstdlib>", "<cstring>", "<functional>",
                        "<iostream>", "<iterator>", "<map>", "<memory>", "<numeric>", "<optional>", "<set>",
                        "<sstream>", "<string>", "<unordered_map>", "<vector>"]:
                o("#include %s" % inc)
        else:
            for inc in ["<cstdio>", "<cstdlib>", "<cstring>", "<new>"]:
                o("#include %s" % inc)
        o()
        o('#include "%s/%s.hpp"' % (mod["name"], f["name"]))
        o('#include "%s/%s_api.h"' % (mod["name"], f["name"]))
        o('#include "common/bytes.h"')
        o('#include "common/log.h"')
        for c in callees:
            o('#include "%s"' % c["header"])
        o()
        o("namespace %s {" % ns)
        o()
        o("namespace {")
        o()
        o("const uint32_t kTable[16] = {")
        vals = ["0x%08xu" % rng.getrandbits(32) for _ in range(16)]
        for i in range(0, 16, 4):
            o("    " + ", ".join(vals[i:i + 4]) + ",")
        o("};")
        o()
        o("} // namespace")
        o()
        for s, cn in zip(f["structs"], cls_names):
            self.cxx_class_body(o, s, cn, heavy)
        # extra free functions using the classes
        nfree = rng.randint(self.args.min_funcs // 3, max(1, self.args.max_funcs // 3))
        for i in range(nfree):
            self.cxx_free_function(o, f, cls_names, heavy, i)
        # the entry point
        cn = cls_names[0]
        o("int process(const uint8_t *buf, std::size_t len)")
        o("{")
        o.ind += 1
        o("%s obj(\"%s\", 256);" % (cn, p))
        o("std::size_t off = 0;")
        o("int total = 0;")
        o("while (off < len) {")
        o("    int rc = obj.parse(buf + off, len - off);")
        o("    if (rc <= 0)")
        o("        return rc;")
        for c in callees:
            o("    if (%s_process(buf + off, static_cast<std::size_t>(rc)) < 0)" % c["prefix"])
            o("        return STATUS_ERR_STATE;")
        o("    total += static_cast<int>(obj.checksum() & 0xff) + static_cast<int>(obj.metric());")
        o("    off += static_cast<std::size_t>(rc);")
        o("}")
        if heavy:
            o("std::ostringstream os;")
            o("os << obj.name() << \": \" << total << \" over \" << obj.size() << \" records\";")
            o("if (log_threshold <= LOG_DEBUG)")
            o("    std::cout << os.str() << std::endl;")
        o("return total;")
        o.close()
        o()
        o("} // namespace %s" % ns)
        o()
        o('extern "C" int %s_process(const uint8_t *buf, size_t len)' % p)
        o("{")
        o("    return %s::process(buf, len);" % ns)
        o("}")
        return o.text(), h.text(), a.text()

    def cxx_class_body(self, o, s, cn, heavy):
        rng = self.rng
        o("%s::%s(const char *name, std::size_t cap)" % (cn, cn))
        o("    : data_(new uint8_t[cap ? cap : 1]), cap_(cap)")
        o("{")
        if rng.random() < 0.5:
            o("    std::strcpy(name_, name);")
        else:
            o("    std::strncpy(name_, name, sizeof(name_) - 1);")
            o("    name_[sizeof(name_) - 1] = '\\0';")
        o("    label_ = static_cast<char *>(std::malloc(std::strlen(name) + 8));")
        o("    if (label_ != nullptr)")
        o("        std::sprintf(label_, \"<%s>\", name);")
        o("}")
        o()
        o("%s::~%s()" % (cn, cn))
        o("{")
        o("    delete[] data_;")
        o("    std::free(label_);")
        o("}")
        o()
        o("int %s::parse(const uint8_t *buf, std::size_t len)" % cn)
        o("{")
        o.ind += 1
        o("std::size_t off = 0;")
        o("if (len < 8)")
        o("    return STATUS_ERR_SHORT;")
        o("version_ = buf[off++];")
        o("flags_ = buf[off++];")
        o("uint16_t nameLen = read_u16_be(buf + off);")
        o("off += 2;")
        o("if (off + nameLen > len)")
        o("    return STATUS_ERR_SHORT;")
        o("std::memcpy(name_, buf + off, nameLen);")
        o("name_[nameLen] = '\\0';")
        o("off += nameLen;")
        o("if (off + 4 > len)")
        o("    return STATUS_ERR_SHORT;")
        o("count_ = read_u32_be(buf + off);")
        o("off += 4;")
        o("for (uint32_t i = 0; i < count_ && off + 2 <= len; ++i) {")
        o("    uint8_t tag = buf[off++];")
        o("    uint8_t vlen = buf[off++];")
        o("    if (off + vlen > len)")
        o("        return STATUS_ERR_SHORT;")
        if heavy:
            o("    auto rec = std::make_shared<Record>();")
            o("    rec->id = (static_cast<uint32_t>(tag) << 16) | i;")
            o("    rec->kind = tag;")
            o("    rec->payload.assign(buf + off, buf + off + vlen);")
            o("    rec->name = std::string(name_) + \"#\" + std::to_string(i);")
            o("    rec->attrs[\"len\"] = vlen;")
            o("    rec->attrs[\"tag\"] = tag;")
            o("    byName_[rec->name].push_back(rec->id);")
            o("    for (const auto &fn : listeners_)")
            o("        fn(*rec);")
            o("    records_[rec->id] = std::move(rec);")
        else:
            o("    version_ = static_cast<uint8_t>(version_ | (tag >> 7));")
            o("    if (len_ + vlen <= cap_) {")
            o("        std::memcpy(data_ + len_, buf + off, vlen);")
            o("        len_ += vlen;")
            o("    }")
            o("    const auto *words = reinterpret_cast<const uint16_t *>(buf + off);")
            o("    if (vlen >= 2)")
            o("        flags_ ^= static_cast<uint8_t>(words[0]);")
        o("    off += vlen;")
        o("}")
        o("return static_cast<int>(off);")
        o.close()
        o()
        o("int %s::describe(char *out, std::size_t outlen) const" % cn)
        o("{")
        o.ind += 1
        o("char tmp[128];")
        o("std::strcpy(tmp, name_);")
        o("if (label_ != nullptr)")
        o("    std::strcat(tmp, label_);")
        if heavy:
            o("std::ostringstream os;")
            o("os << tmp << \" v\" << static_cast<unsigned>(version_) << \" count=\" << count_;")
            o("std::vector<uint32_t> ids;")
            o("for (const auto &kv : records_)")
            o("    ids.push_back(kv.first);")
            o("std::sort(ids.begin(), ids.end());")
            o("for (uint32_t id : ids)")
            o("    os << ' ' << id;")
            o("return std::snprintf(out, outlen, \"%s\", os.str().c_str());")
        else:
            o("return std::snprintf(out, outlen, \"%s v%u count=%u\", tmp, static_cast<unsigned>(version_),")
            o("                     static_cast<unsigned>(count_));")
        o.close()
        o()
        o("uint32_t %s::checksum() const" % cn)
        o("{")
        o.ind += 1
        o("uint32_t crc = 0xffffffffu;")
        o("for (std::size_t i = 0; i < len_; ++i) {")
        o("    crc ^= data_[i];")
        o("    crc = (crc >> 4) ^ kTable[crc & 15];")
        o("    crc = (crc >> 4) ^ kTable[crc & 15];")
        o("}")
        if heavy:
            o("crc ^= std::accumulate(records_.begin(), records_.end(), 0u,")
            o("                       [](uint32_t acc, const auto &kv) { return acc + kv.second->kind; });")
        o("return ~crc;")
        o.close()
        o()
        o("double %s::metric() const" % cn)
        o("{")
        o("    double m = static_cast<double>(len_) / static_cast<double>(cap_ ? cap_ : 1);")
        for ty, nm in s["extras"]:
            o("    m += static_cast<double>(%s_);" % nm)
        o("    return m;")
        o("}")
        o()
        o("int %s::append(const uint8_t *data, std::size_t n)" % cn)
        o("{")
        o.ind += 1
        o("if (len_ + n > cap_) {")
        o("    std::size_t ncap = cap_ ? cap_ * 2 : 64;")
        o("    while (ncap < len_ + n)")
        o("        ncap *= 2;")
        o("    auto *grown = new (std::nothrow) uint8_t[ncap];")
        o("    if (grown == nullptr)")
        o("        return STATUS_ERR_NOMEM;")
        o("    std::memcpy(grown, data_, len_);")
        o("    delete[] data_;")
        o("    data_ = grown;")
        o("    cap_ = ncap;")
        o("}")
        o("std::memcpy(data_ + len_, data, n);")
        o("len_ += n;")
        o("return STATUS_OK;")
        o.close()
        o()
        if heavy:
            o("void %s::addListener(std::function<void(const Record &)> fn)" % cn)
            o("{")
            o("    listeners_.push_back(std::move(fn));")
            o("}")
            o()
            o("std::shared_ptr<Record> %s::find(uint32_t id) const" % cn)
            o("{")
            o("    auto it = records_.find(id);")
            o("    return it == records_.end() ? nullptr : it->second;")
            o("}")
            o()
            o("std::vector<std::string> %s::names() const" % cn)
            o("{")
            o("    std::vector<std::string> out;")
            o("    out.reserve(byName_.size());")
            o("    for (const auto &kv : byName_)")
            o("        out.push_back(kv.first);")
            o("    std::sort(out.begin(), out.end(), [](const std::string &a, const std::string &b) {")
            o("        return a.size() != b.size() ? a.size() < b.size() : a < b;")
            o("    });")
            o("    return out;")
            o("}")
            o()

    def cxx_free_function(self, o, f, cls_names, heavy, i):
        rng = self.rng
        cn = rng.choice(cls_names)
        kind = rng.randint(0, 3)
        if heavy:
            kind = rng.randint(0, 5)
        if kind == 0:
            o("int scan%d(const uint8_t *buf, std::size_t len)" % i)
            o("{")
            o.ind += 1
            o("%s *obj = new %s(\"scan%d\", len);" % (cn, cn, i))
            o("int rc = obj->parse(buf, len);")
            o("char desc[128];")
            o("obj->describe(desc, sizeof(desc));")
            o("LOG_D(\"%s\", desc);")
            o("delete obj;")
            o("return rc;")
            o.close()
        elif kind == 1:
            o("void smooth%d(int32_t *m, std::size_t rows, std::size_t cols)" % i)
            o("{")
            o.ind += 1
            o("for (std::size_t r = 1; r + 1 < rows; ++r)")
            o("    for (std::size_t c = 1; c + 1 < cols; ++c) {")
            o("        int32_t acc = 0;")
            o("        for (std::size_t k = 0; k < cols; ++k)")
            o("            acc += m[r * cols + k] - m[k * cols + c];")
            o("        m[r * cols + c] = (m[(r - 1) * cols + c] + m[(r + 1) * cols + c] + acc) / 3;")
            o("    }")
            o.close()
        elif kind == 2:
            o("char *copyName%d(const char *src)" % i)
            o("{")
            o.ind += 1
            o("std::size_t n = std::strlen(src);")
            o("char *dst = static_cast<char *>(std::malloc(n + 1));")
            o("if (dst == nullptr)")
            o("    return nullptr;")
            o("std::strcpy(dst, src);")
            o("for (std::size_t k = 0; k < n; ++k)")
            o("    if (dst[k] == '/')")
            o("        dst[k] = '_';")
            o("return dst;")
            o.close()
        elif kind == 3:
            o("uint32_t sumWords%d(const uint8_t *buf, std::size_t len)" % i)
            o("{")
            o.ind += 1
            o("const auto *w = reinterpret_cast<const uint32_t *>(buf);")
            o("uint32_t s = 0;")
            o("for (std::size_t k = 0; k < len / 4; ++k)")
            o("    s += w[k] ^ kTable[k & 15];")
            o("return s;")
            o.close()
        elif kind == 4:
            o("std::map<std::string, std::size_t> wordCounts%d(const std::string &text)" % i)
            o("{")
            o.ind += 1
            o("std::map<std::string, std::size_t> counts;")
            o("std::istringstream in(text);")
            o("std::string word;")
            o("while (in >> word) {")
            o("    word.erase(std::remove_if(word.begin(), word.end(), [](char c) { return c == ',' || c == '.'; }),")
            o("               word.end());")
            o("    ++counts[word];")
            o("}")
            o("std::set<std::string> rare;")
            o("for (const auto &kv : counts)")
            o("    if (kv.second == 1)")
            o("        rare.insert(kv.first);")
            o("for (const auto &w : rare)")
            o("    counts.erase(w);")
            o("return counts;")
            o.close()
        else:
            o("std::optional<std::vector<int>> topScores%d(const std::vector<Record> &recs, std::size_t k)" % i)
            o("{")
            o.ind += 1
            o("if (recs.empty())")
            o("    return std::nullopt;")
            o("std::vector<int> scores;")
            o("std::transform(recs.begin(), recs.end(), std::back_inserter(scores), [](const Record &r) {")
            o("    return static_cast<int>(r.payload.size()) * (r.kind + 1);")
            o("});")
            o("auto keep = selectIf(scores, [k](int s) { return s > static_cast<int>(k); });")
            o("std::sort(keep.begin(), keep.end(), std::greater<int>());")
            o("if (keep.size() > k)")
            o("    keep.resize(k);")
            o("std::unique_ptr<std::vector<int>> copy = std::make_unique<std::vector<int>>(keep);")
            o("return *copy;")
            o.close()
        o()
        f.setdefault("statics_used", []).append(i)

    # ---------------------------------------------------------------- modules
    def gen_module(self, idx):
        rng = self.rng
        args = self.args
        name = self.module_name(idx)
        if args.cxx_heavy:
            cxx = True
        else:
            cxx = rng.random() < args.cxx
        mod = {"name": name, "cxx": cxx, "files": []}
        # Dependencies: earlier modules (C modules only for C code, any for C++).
        deps = []
        if self.modules:
            cand = [m for m in self.modules if cxx or not m["cxx"]]
            deps = rng.sample(cand, min(len(cand), rng.randint(0, 3)))
        nfiles = rng.randint(args.min_files, args.max_files)
        fnames = rng.sample(FILE_WORDS, nfiles)
        # Module-private header: a few macros and helper declarations.
        ih = Out()
        ih("#ifndef %s_INTERNAL_H" % name.upper())
        ih("#define %s_INTERNAL_H" % name.upper())
        ih()
        ih('#include "common/types.h"')
        ih('#include "common/bounds.h"')
        ih()
        ih("#define %s_MAGIC 0x%08xu" % (name.upper(), rng.getrandbits(32)))
        ih("#define %s_VERSION %d" % (name.upper(), rng.randint(1, 9)))
        ih("#define %s_CHECK(cond, err) do { if (!(cond)) return (err); } while (0)" % name.upper())
        ih()
        ih("#endif")
        self.write("src/%s/internal.h" % name, ih.text())
        for fi, fn in enumerate(fnames):
            f = self.plan_file(mod, fn, cxx)
            # Call into dependency modules' entry points and into earlier
            # files of this module.
            callees = []
            pool = [g for m in deps for g in m["files"]] + mod["files"]
            if pool:
                for g in rng.sample(pool, min(len(pool), rng.randint(0, 3))):
                    callees.append(g)
            if cxx:
                src, hdr, api = self.gen_cxx_file(f, mod, callees, args.cxx_heavy)
                self.write("include/%s/%s.hpp" % (name, fn), hdr)
                self.write("include/%s/%s_api.h" % (name, fn), api)
                rel = "src/%s/%s.cpp" % (name, fn)
                f["header"] = "%s/%s_api.h" % (name, fn)
            else:
                src = self.gen_c_file(f, mod, callees)
                self.write("include/%s/%s.h" % (name, fn), self.c_header(f, mod))
                rel = "src/%s/%s.c" % (name, fn)
                f["header"] = "%s/%s.h" % (name, fn)
            self.write(rel, src)
            self.sources.append((rel, cxx))
            mod["files"].append(f)
        self.modules.append(mod)

    def gen_main(self):
        o = Out()
        o("#include <stdio.h>")
        o("#include <stdlib.h>")
        o("#include <string.h>")
        o()
        o('#include "common/log.h"')
        entries = []
        for m in self.modules:
            for f in m["files"]:
                entries.append(f)
        # main calls a bounded sample, as a real dispatcher would.
        calls = entries if len(entries) <= 200 else self.rng.sample(entries, 200)
        calls = sorted(calls, key=lambda f: f["prefix"])
        for f in calls:
            o('#include "%s"' % f["header"])
        o()
        o("static unsigned char input[65536];")
        o()
        o("int main(int argc, char **argv)")
        o("{")
        o.ind += 1
        o("size_t n;")
        o("int rc = 0;")
        o("FILE *fp = argc > 1 ? fopen(argv[1], \"rb\") : stdin;")
        o("if (fp == NULL) {")
        o("    perror(argv[1]);")
        o("    return 1;")
        o("}")
        o("n = fread(input, 1, sizeof(input), fp);")
        o("if (argc > 2)")
        o("    log_threshold = atoi(argv[2]);")
        o("switch (input[0] %% %d) {" % max(1, len(calls)))
        for i, f in enumerate(calls):
            o("case %d:" % i)
            o("    rc = %s_process(input, n);" % f["prefix"])
            o("    break;")
        o("default:")
        o("    break;")
        o("}")
        o("if (fp != stdin)")
        o("    fclose(fp);")
        o("printf(\"%d\\n\", rc);")
        o("return rc < 0 ? 1 : 0;")
        o.close()
        self.write("src/main.c", o.text())
        self.sources.append(("src/main.c", False))

    def run(self):
        self.gen_common()
        i = 0
        while self.lines < self.args.lines:
            self.gen_module(i)
            i += 1
        self.gen_main()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="folder to write (created)")
    ap.add_argument("--lines", type=int, default=100000, help="target non-blank lines (default 100000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cxx", type=float, default=0.2,
                    help="fraction of modules written in C++ (default 0.2; the rest is C)")
    ap.add_argument("--cxx-heavy", action="store_true",
                    help="every source is C++ using the standard library heavily")
    ap.add_argument("--min-files", type=int, default=3, help="sources per module, at least")
    ap.add_argument("--max-files", type=int, default=8, help="sources per module, at most")
    ap.add_argument("--min-funcs", type=int, default=10, help="functions per C source, at least")
    ap.add_argument("--max-funcs", type=int, default=24, help="functions per C source, at most")
    ap.add_argument("--force", action="store_true",
                    help="replace OUT even when it is not a previous generation")
    args = ap.parse_args()
    if not 0.0 <= args.cxx <= 1.0:
        ap.error("--cxx must be between 0 and 1")
    if args.min_files < 1 or args.max_files < args.min_files or args.max_files > len(FILE_WORDS):
        ap.error("need 1 <= --min-files <= --max-files <= %d" % len(FILE_WORDS))
    if args.min_funcs < 4 or args.max_funcs < args.min_funcs:
        ap.error("need 4 <= --min-funcs <= --max-funcs")

    out = os.path.abspath(args.out)
    if os.path.exists(out) and os.listdir(out):
        if not args.force and not os.path.exists(os.path.join(out, "bench-manifest.json")):
            sys.exit("gencode: %s exists and was not written by gencode.py (use --force)" % out)
        shutil.rmtree(out)

    g = Gen(args)
    g.run()
    for rel, text in g.files.items():
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as fp:
            fp.write(text)

    db = []
    for rel, cxx in sorted(g.sources):
        objfile = "obj/" + rel.rsplit(".", 1)[0] + ".o"
        if cxx:
            argv = ["g++", "-std=c++17"]
        else:
            argv = ["gcc", "-std=gnu11"]
        argv += ["-Iinclude", "-Isrc/" + rel.split("/")[1], "-DNDEBUG", "-D_GNU_SOURCE", "-O2",
                 "-g", "-Wall", "-Wextra", "-MD", "-MF", objfile[:-2] + ".d", "-c", rel, "-o", objfile]
        db.append({"directory": out, "arguments": argv, "file": rel, "output": objfile})
    with open(os.path.join(out, "compile_commands.json"), "w") as fp:
        json.dump(db, fp, indent=1)
        fp.write("\n")
    manifest = {
        "generator": "tests/bench/gencode.py",
        "options": {k: v for k, v in vars(args).items() if k not in ("out", "force")},
        "lines": g.lines,
        "files": len(g.files),
        "translation_units": len(g.sources),
        "cxx_translation_units": sum(1 for _, c in g.sources if c),
        "modules": len(g.modules),
    }
    with open(os.path.join(out, "bench-manifest.json"), "w") as fp:
        json.dump(manifest, fp, indent=1, sort_keys=True)
        fp.write("\n")
    print("gencode: %s: %d lines, %d files, %d TUs (%d C++), %d modules" % (
        out, g.lines, len(g.files), len(g.sources), manifest["cxx_translation_units"], len(g.modules)))


if __name__ == "__main__":
    main()
