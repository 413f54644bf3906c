#include <stdlib.h>

char **make_slots(unsigned count) {
  char **v = malloc(count * sizeof(char *));
  if (!v)
    return NULL;
  for (unsigned i = 0; i < count; i++)
    v[i] = NULL;
  return v;
}
