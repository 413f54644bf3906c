#include <syslog.h>

void report_peer(const char *peer_name) {
  syslog(LOG_WARNING, "peer %s", peer_name);
}
