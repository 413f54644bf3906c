#include <stddef.h>
#include <stdint.h>

int sum_entries(const uint8_t *pkt, size_t len, uint32_t *out) {
  uint32_t total = 0;
  size_t count;
  if (len < 1)
    return -1;
  count = pkt[0];
  if (count > len - 1)
    return -1;
  for (size_t i = 0; i < count; i++)
    total += pkt[1 + i];
  *out = total;
  return 0;
}
