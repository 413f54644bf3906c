#include <stddef.h>

typedef int (*handler)(const unsigned char *);
extern handler handlers[16];

int dispatch(const unsigned char *msg, size_t len) {
  unsigned op;
  if (len < 1)
    return -1;
  op = msg[0] >> 4;
  return handlers[op & 15](msg + 1);
}
