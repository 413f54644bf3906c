#include <stdint.h>
#include <stdlib.h>

double *matrix_new(unsigned rows, unsigned cols) {
  if (cols != 0 && rows > SIZE_MAX / sizeof(double) / cols)
    return NULL;
  double *m = calloc((size_t)rows * cols, sizeof(double));
  return m;
}
