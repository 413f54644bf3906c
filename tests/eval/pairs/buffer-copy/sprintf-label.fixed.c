#include <stdio.h>

void make_label(char *out, const char *host, int port) {
  char tmp[32];
  snprintf(tmp, sizeof tmp, "%s:%d", host, port);
  puts(tmp);
  out[0] = tmp[0];
}
