#include <string.h>

struct line {
  char text[128];
  size_t len;
};

int line_append(struct line *l, const char *s, size_t n) {
  if (n > sizeof l->text - l->len)
    return -1;
  memcpy(l->text + l->len, s, n);
  l->len += n;
  return 0;
}
