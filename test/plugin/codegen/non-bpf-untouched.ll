; RUN: %llc -mtriple=x86_64-linux-gnu -verify-machineinstrs < %s -o %t.plain.s
; RUN: %llc -load=%plugin -mtriple=x86_64-linux-gnu -verify-machineinstrs -bpf-nocsr-selfcheck < %s -o %t.plugin.s
; RUN: diff %t.plain.s %t.plugin.s
; The passes run in every pipeline once the plugin is loaded but change
; nothing outside BPF, even for calls marked "bpf_fastcall".

define i64 @f(i64 %a, i64 %b) {
  %c = call i64 @g() #0
  %s = add i64 %a, %c
  %t = add i64 %s, %b
  ret i64 %t
}

declare i64 @g()

attributes #0 = { nounwind "bpf_fastcall" }
