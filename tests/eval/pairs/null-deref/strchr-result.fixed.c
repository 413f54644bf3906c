#include <string.h>

int port_of(char *hostport) {
  char *colon = strchr(hostport, ':');
  if (!colon)
    return -1;
  *colon = '\0';
  return colon[1] - '0';
}
