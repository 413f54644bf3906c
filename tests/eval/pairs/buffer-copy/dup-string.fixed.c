#include <stdlib.h>
#include <string.h>

char *copy_string(const char *s) {
  char *out = malloc(strlen(s) + 1);
  if (!out)
    return NULL;
  strcpy(out, s);
  return out;
}
