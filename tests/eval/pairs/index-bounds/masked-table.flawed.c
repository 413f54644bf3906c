static const unsigned short deltas[4] = {1, 2, 4, 8};

unsigned step(unsigned n) {
  return deltas[(n >> 4) & 7];
}
