#include <stdio.h>
#include <stdlib.h>

static void warn_bad(const char *what) {
  fprintf(stderr, "bad option: %s\n", what);
}

int load_options(const char *arg) {
  char *copy = malloc(64);
  if (!copy)
    return -1;
  snprintf(copy, 64, "%s", arg);
  if (copy[0] != '-') {
    free(copy);
    warn_bad(arg);
  }
  free(copy);
  return 0;
}
