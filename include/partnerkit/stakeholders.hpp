// Stakeholder graphs: the graph of a partnership, its measures and its communities.
// (Boost.Graph's adjacency_list form is in "partnerkit/stakeholders/boost.hpp", not included here.)
#pragma once

#include "partnerkit/stakeholders/community.hpp"
#include "partnerkit/stakeholders/graph.hpp"
#include "partnerkit/stakeholders/measures.hpp"
