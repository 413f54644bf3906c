#include <wchar.h>

void show_title(const wchar_t *title) {
  wprintf(title);
}
