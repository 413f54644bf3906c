#include <stdio.h>
#include <stdlib.h>

int checksum_file(const char *path, unsigned *out) {
  FILE *f = fopen(path, "rb");
  unsigned char *buf;
  size_t n;
  unsigned sum = 0;
  if (!f)
    return -1;
  buf = malloc(4096);
  if (!buf) {
    fclose(f);
    return -1;
  }
  n = fread(buf, 1, 4096, f);
  fclose(f);
  if (n == 0)
    return -1;
  for (size_t i = 0; i < n; i++)
    sum += buf[i];
  free(buf);
  *out = sum;
  return 0;
}
