#include <stdlib.h>
#include <string.h>

int format_name(const char *first, const char *last, int heap) {
  char local[64];
  char *out = local;
  if (heap)
    out = malloc(64);
  if (!out)
    return -1;
  strncpy(out, first, 31);
  out[31] = '\0';
  strncat(out, last, 31);
  if (out != local)
    free(out);
  return 0;
}
