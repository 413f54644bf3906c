#define MAXCH 8

struct frame {
  int nch;
  float gain[MAXCH];
};

void apply_gain(struct frame *f, float g) {
  int n = f->nch < MAXCH ? f->nch : MAXCH;
  for (int c = 0; c < n; c++)
    f->gain[c] *= g;
}
