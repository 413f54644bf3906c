#include <stdint.h>
#include <stdlib.h>

uint8_t *alloc_rows(int width, int channels, int height) {
  int stride = width * channels;
  return malloc((size_t)stride * (size_t)height);
}
