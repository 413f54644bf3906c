#define NSLOTS 16

static int slots[NSLOTS];

int slot_set(int i, int v) {
  if (i < 0 || i > NSLOTS)
    return -1;
  slots[i] = v;
  return 0;
}
