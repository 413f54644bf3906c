#include <stdlib.h>

struct session {
  int fd;
  char *name;
};

int session_close(struct session *s) {
  int fd;
  free(s->name);
  free(s);
  fd = s->fd;
  return fd;
}
