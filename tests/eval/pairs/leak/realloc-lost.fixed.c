#include <stdlib.h>

int grow(int **items, size_t *cap) {
  int *bigger = realloc(*items, *cap * 2 * sizeof **items);
  if (!bigger)
    return -1;
  *items = bigger;
  *cap *= 2;
  return 0;
}
