#include <string.h>

int port_of(char *hostport) {
  char *colon = strchr(hostport, ':');
  *colon = '\0';
  return colon[1] - '0';
}
