// Reading a workbook back for the end-to-end tests: tests/e2e/xlsx_facts.py
// (openpyxl, a reader independent of libxlsxwriter) prints one fact per line,
// "key=type|value|number format|fill"; xlsx_facts() gathers them by key.
#pragma once

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "testutil.hpp"

namespace abcgrade::test {

inline std::map<std::string, std::string> xlsx_facts(const std::filesystem::path& workbook) {
  const std::string script = std::string(ABCGRADE_TEST_SCRIPTS) + "/xlsx_facts.py";
  const RunResult r =
      run_program("/usr/bin/python3", {script, workbook.string()}, workbook.parent_path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::string> out;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    const std::size_t eq = line.find('=');
    if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

}  // namespace abcgrade::test
