#include <stdlib.h>

double *matrix_new(unsigned rows, unsigned cols) {
  double *m = malloc(rows * cols * sizeof(double));
  return m;
}
