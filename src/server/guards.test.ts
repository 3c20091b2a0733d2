import { describe, expect, it } from 'vitest'
import { isJsonMediaType, isLoopbackHost } from './guards.js'

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['localhost:8787', true],
    ['LocalHost:1', true],
    ['localhost.:8787', true], // the fully qualified spelling
    ['inspector.localhost:8787', true], // RFC 6761: *.localhost is loopback
    ['127.0.0.1', true],
    ['127.0.0.1:18792', true],
    ['127.10.0.2:80', true],
    ['[::1]', true],
    ['[::1]:8787', true],
    ['attacker.example', false],
    ['attacker.example:18792', false],
    ['localhost.attacker.example', false], // a rebinding name that starts like localhost
    ['attacker-localhost:80', false],
    ['127.0.0.1.attacker.example', false],
    ['0.0.0.0:8787', false],
    ['192.168.1.5:8787', false],
    ['[::ffff:127.0.0.1]:80', false],
    ['[::1]x', false],
    ['[::1', false],
    ['localhost:port', false],
    ['localhost:8787:1', false],
    ['', false],
  ])('%j → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback)
  })
})

describe('isJsonMediaType', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON;charset=UTF-8', true],
    [' application/json ', true],
    [undefined, false],
    ['', false],
    ['text/plain', false], // what a page may post without a preflight
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
    ['application/jsonp', false],
    ['text/plain; application/json', false],
  ])('%j → %s', (type, json) => {
    expect(isJsonMediaType(type)).toBe(json)
  })
})
