#include <stdlib.h>
#include <string.h>

void render_rows(char **rows, int n) {
  char *line = malloc(256);
  if (!line)
    return;
  for (int i = 0; i < n; i++) {
    strncpy(line, rows[i], 255);
    line[255] = '\0';
    if (line[0] == '#')
      line[0] = ' ';
  }
  free(line);
}
