#include <stddef.h>

static unsigned long crc_table[256];

unsigned long crc_update(unsigned long crc, const unsigned char *p, size_t n) {
  while (n--)
    crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return crc;
}
