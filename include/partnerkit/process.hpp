// Collaboration stages: process templates, readiness from data, status and next steps, the continuum.
#pragma once

#include "partnerkit/process/continuum.hpp"
#include "partnerkit/process/criteria.hpp"
#include "partnerkit/process/status.hpp"
#include "partnerkit/process/template.hpp"
