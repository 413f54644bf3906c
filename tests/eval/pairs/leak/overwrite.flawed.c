#include <stdlib.h>
#include <string.h>

struct opts {
  char *output;
};

void opts_set_output(struct opts *o, const char *path) {
  o->output = strdup(path);
}
