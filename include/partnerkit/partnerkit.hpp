// partnerkit: everything, in one include.
#pragma once

#include "partnerkit/core/error.hpp"
#include "partnerkit/core/model.hpp"
#include "partnerkit/core/time.hpp"
#include "partnerkit/io/document.hpp"
#include "partnerkit/meetings.hpp"
#include "partnerkit/process.hpp"
#include "partnerkit/report.hpp"
#include "partnerkit/stakeholders.hpp"
#include "partnerkit/themes.hpp"
#include "partnerkit/version.hpp"
