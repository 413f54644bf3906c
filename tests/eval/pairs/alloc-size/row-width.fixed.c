#include <stdint.h>
#include <stdlib.h>

uint8_t *alloc_rows(int width, int channels, int height) {
  if (width <= 0 || channels <= 0 || height <= 0 || channels > 4 || width > 65535 ||
      height > 65535)
    return NULL;
  size_t stride = (size_t)width * (size_t)channels;
  return calloc(stride, (size_t)height);
}
