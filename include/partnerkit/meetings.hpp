// Meeting plans: timed agendas, timelines of meetings, checks and calendar/Markdown/HTML exports.
#pragma once

#include "partnerkit/meetings/agenda.hpp"
#include "partnerkit/meetings/export.hpp"
#include "partnerkit/meetings/plan.hpp"
