#include <stdlib.h>
#include <string.h>

char *join_path(const char *dir, const char *file) {
  char *out = malloc(strlen(dir) + strlen(file) + 1);
  if (!out)
    return NULL;
  strcpy(out, dir);
  strcat(out, "/");
  strcat(out, file);
  return out;
}
