#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

char *read_string(const unsigned char *buf, size_t avail) {
  uint32_t n;
  char *s;
  if (avail < 4)
    return NULL;
  memcpy(&n, buf, 4);
  n = ntohl(n);
  if (n > avail - 4)
    return NULL;
  s = malloc(n + 1);
  if (!s)
    return NULL;
  memcpy(s, buf + 4, n);
  s[n] = '\0';
  return s;
}
