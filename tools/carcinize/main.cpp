// carcinize: a thin entry point over the library (lib/cli).
#include "cli/Cli.h"

int main(int argc, char **argv) { return carcinize::runCli(argc, argv); }
