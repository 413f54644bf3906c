#include <stdlib.h>

int grow(int **items, size_t *cap) {
  *items = realloc(*items, *cap * 2 * sizeof **items);
  if (!*items)
    return -1;
  *cap *= 2;
  return 0;
}
