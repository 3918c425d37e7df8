// Themes: normalization of short entries, the domain lexicon, grouping entries into labelled
// themes (from text or from your own vectors), and mergeable partial aggregates.
#pragma once

#include "partnerkit/themes/aggregate.hpp"
#include "partnerkit/themes/lexicon.hpp"
#include "partnerkit/themes/normalize.hpp"
#include "partnerkit/themes/partial.hpp"
