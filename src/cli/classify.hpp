// `abcgrade classify`: logging, the pipeline, and writing every output
// atomically once everything has succeeded.
#pragma once

#include "abcgrade/error.hpp"
#include "options.hpp"

namespace abcgrade::cli {

// Runs the job. Throws Error; returns kOk when the table was written.
ExitCode run_classify(const ClassifyFlags& flags);

// `abcgrade policy`: the default policy as JSON on standard output.
ExitCode print_default_policy();

}  // namespace abcgrade::cli
