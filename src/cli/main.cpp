#include "run.hpp"

int main(int argc, char** argv) { return abcgrade::cli::run(argc, argv); }
