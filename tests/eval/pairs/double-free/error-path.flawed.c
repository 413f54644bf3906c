#include <stdlib.h>
#include <string.h>

struct conn {
  char *host;
  char *path;
};

int conn_parse(struct conn *c, const char *url) {
  const char *slash;
  c->host = strdup(url);
  if (!c->host)
    return -1;
  slash = strchr(url, '/');
  if (!slash) {
    free(c->host);
    goto fail;
  }
  c->path = strdup(slash);
  if (!c->path)
    goto fail;
  return 0;
fail:
  free(c->host);
  c->host = NULL;
  return -1;
}
