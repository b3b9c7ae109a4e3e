// Upstream's bpf_fastcall has no `#pragma clang attribute` subject rule, so
// every apply_to is an error there ("cannot be applied to 'function'"). The
// plugin's attributes are rejected as well, with clang's message for
// attributes the pragma does not support (the plugin API has no way to say
// "supported, with no rule"). Nothing gets the attribute silently.
//
// RUN: not %clang -target bpf -fsyntax-only -fplugin=%plugin -DATTR=nocsr %s 2>&1 | FileCheck %s
// RUN: not %clang -target bpf -fsyntax-only -fplugin=%plugin -DATTR=csr_eligible %s 2>&1 | FileCheck %s
// RUN: not %clang -target bpf -fsyntax-only -fplugin=%plugin -DATTR=bpf_fastcall %s 2>&1 | FileCheck %s
// CHECK: pragma-attribute.c:[[@LINE+1]]:15: error: attribute '{{nocsr|csr_eligible|bpf_fastcall}}' {{is not supported by '#pragma clang attribute'|cannot be applied to 'function'}}
#pragma clang attribute push (__attribute__((ATTR)), apply_to = function)
void pf(void);
#pragma clang attribute pop
