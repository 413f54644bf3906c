#include <stdlib.h>

struct image {
  unsigned char *pixels;
  int width, height;
};

int image_resize(struct image *img, int w, int h) {
  unsigned char *next = malloc((size_t)w * (size_t)h);
  if (!next)
    return -1;
  if (w == 0 || h == 0) {
    free(next);
    return -1;
  }
  free(img->pixels);
  img->pixels = next;
  img->width = w;
  img->height = h;
  return 0;
}
