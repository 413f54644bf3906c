#include <stdlib.h>

struct session {
  int fd;
  char *name;
};

int session_close(struct session *s) {
  int fd = s->fd;
  free(s->name);
  free(s);
  return fd;
}
