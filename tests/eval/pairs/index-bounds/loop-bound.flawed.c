#define MAXCH 8

struct frame {
  int nch;
  float gain[MAXCH];
};

void apply_gain(struct frame *f, float g) {
  for (int c = 0; c < f->nch; c++)
    f->gain[c] *= g;
}
