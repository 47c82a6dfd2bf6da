#pragma once
#define HEXCTL_VERSION "1.0.0"
