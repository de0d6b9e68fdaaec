/* lectern-core.h: everything of the core layer in one include
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-anchor.h"
#include "lectern-annotation-store.h"
#include "lectern-color-meanings.h"
#include "lectern-comparison.h"
#include "lectern-document.h"
#include "lectern-document-loader.h"
#include "lectern-export.h"
#include "lectern-highlight.h"
#include "lectern-library.h"
#include "lectern-library-entry.h"
#include "lectern-link-store.h"
#include "lectern-passage-link.h"
#include "lectern-session.h"
#include "lectern-target.h"
#include "lectern-core-enums.h"
