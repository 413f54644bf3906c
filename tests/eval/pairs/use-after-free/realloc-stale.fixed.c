#include <stdlib.h>
#include <string.h>

struct buf {
  char *data;
  size_t len, cap;
};

int buf_append(struct buf *b, const char *s, size_t n) {
  if (b->len + n > b->cap) {
    char *grown = realloc(b->data, (b->len + n) * 2);
    if (!grown)
      return -1;
    b->data = grown;
    b->cap = (b->len + n) * 2;
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
  return 0;
}
