#include <stdlib.h>

char **make_slots(unsigned count) {
  char **v = calloc(count, sizeof(char *));
  return v;
}
