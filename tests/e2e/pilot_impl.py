#!/usr/bin/env python3
"""Puts a test-only implementation in place of the todo!() bodies of a pilot
kit's rust/src/ffi.rs (tests/e2e/pilot.cmake).

    pilot_impl.py FFI_RS RUST_IMPL_TXT [FUNCTION EXPRESSION]

RUST_IMPL_TXT holds blocks "@@ <function>" followed by the body, braces
included. Fails when a block names a function without a todo!() body, or
when a todo!() is left. With FUNCTION and EXPRESSION, that function's body
returns EXPRESSION first (a Rust version that differs from C)."""
import re
import sys


def main():
    ffi_path, impl_path = sys.argv[1], sys.argv[2]
    ffi = open(ffi_path, encoding="utf-8").read()
    impl = open(impl_path, encoding="utf-8").read()
    for block in re.split(r"^@@ ", impl, flags=re.M)[1:]:
        name, _, body = block.partition("\n")
        name = name.strip()
        todo = re.compile(r'\{\n    todo!\("' + re.escape(name) + r': [^"]*"\)\n\}')
        if not todo.search(ffi):
            sys.exit(f"ffi.rs has no todo!() body for {name}")
        ffi = todo.sub(lambda _m: body.strip(), ffi, count=1)
    if 'todo!("' in ffi:
        sys.exit("a todo!() is left in ffi.rs")
    if len(sys.argv) == 5:
        fn, expr = sys.argv[3], sys.argv[4]
        mutated, n = re.subn(r"(fn " + re.escape(fn) + r"\([^)]*\)[^{]*)\{",
                             lambda m: m.group(1) + "{ return " + expr + ";\n", ffi, count=1)
        if not n:
            sys.exit(f"no function {fn} to mutate")
        ffi = mutated
    open(ffi_path, "w", encoding="utf-8").write(ffi)


if __name__ == "__main__":
    main()
