#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int send_message(const char *text) {
  char *msg = strdup(text);
  if (!msg)
    return -1;
  size_t n = strlen(msg);
  free(msg);
  printf("sent %zu bytes: %s\n", n, msg);
  return 0;
}
