#include <stddef.h>
#include <string.h>

struct record {
  unsigned char tag;
  unsigned char body[64];
};

int read_record(const unsigned char *in, size_t avail, struct record *r) {
  size_t len;
  if (avail < 2)
    return -1;
  r->tag = in[0];
  len = in[1];
  if (len > sizeof r->body || len > avail - 2)
    return -1;
  memcpy(r->body, in + 2, len);
  return (int)len + 2;
}
