// SPDX-License-Identifier: GPL-2.0-only

package main

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"math/big"
	"strings"
)

// cryptos: the standard library's arm64 assembly (AES, PMULL/GHASH, SHA-1/SHA-256/SHA-512
// instructions or NEON, CRC32 instructions, P-256, math/big) on fixed inputs; every line
// is a digest that must equal the amd64 build's.
func cryptos([]string) {
	data := make([]byte, 1<<20)
	for i := range data {
		data[i] = byte(i*7 + i>>8)
	}
	for _, n := range []int{0, 1, 55, 56, 64, 1000, len(data)} {
		d := data[:n]
		fmt.Printf("%7d md5 %x\n", n, md5.Sum(d))
		fmt.Printf("%7d sha1 %x\n", n, sha1.Sum(d))
		fmt.Printf("%7d sha256 %x\n", n, sha256.Sum256(d))
		fmt.Printf("%7d sha512 %x\n", n, sha512.Sum512(d))
		fmt.Printf("%7d crc32-ieee %08x castagnoli %08x\n", n, crc32.ChecksumIEEE(d),
			crc32.Checksum(d, crc32.MakeTable(crc32.Castagnoli)))
	}
	mac := hmac.New(sha256.New, []byte("key"))
	mac.Write(data[:4096])
	fmt.Printf("hmac-sha256 %x\n", mac.Sum(nil))

	for _, kl := range []int{16, 24, 32} {
		block, _ := aes.NewCipher(data[100 : 100+kl])
		gcm, _ := cipher.NewGCM(block)
		ct := gcm.Seal(nil, data[:12], data[:100000], data[200:233])
		sum := sha256.Sum256(ct)
		pt, err := gcm.Open(nil, data[:12], ct, data[200:233])
		fmt.Printf("aes-%d-gcm %x tag %x open %v\n", kl*8, sum[:8], ct[len(ct)-16:], err == nil && bytes.Equal(pt, data[:100000]))
		ctr := make([]byte, 50000)
		cipher.NewCTR(block, data[:16]).XORKeyStream(ctr, data[:50000])
		cbc := make([]byte, 4096)
		cipher.NewCBCEncrypter(block, data[16:32]).CryptBlocks(cbc, data[:4096])
		fmt.Printf("aes-%d-ctr %x cbc %x\n", kl*8, sha256.Sum256(ctr), sha256.Sum256(cbc))
	}

	priv := ed25519.NewKeyFromSeed(data[:32])
	sig := ed25519.Sign(priv, data[:1000])
	fmt.Printf("ed25519 sig %x verify %v\n", sig[:16], ed25519.Verify(priv.Public().(ed25519.PublicKey), data[:1000], sig))

	for _, c := range []elliptic.Curve{elliptic.P224(), elliptic.P256(), elliptic.P384(), elliptic.P521()} {
		x, y := c.ScalarBaseMult(data[300 : 300+(c.Params().BitSize+7)/8])
		x2, y2 := c.ScalarMult(x, y, data[400:432])
		fmt.Printf("%s base %x mult %x on-curve %v\n", c.Params().Name, sha256.Sum256(append(x.Bytes(), y.Bytes()...)),
			sha256.Sum256(append(x2.Bytes(), y2.Bytes()...)), c.IsOnCurve(x2, y2))
	}

	p, _ := new(big.Int).SetString("170141183460469231731687303715884105727", 10) // 2^127 - 1
	b := new(big.Int).SetBytes(data[:256])
	e := new(big.Int).SetBytes(data[256:512])
	m := new(big.Int).SetBytes(data[512:1024])
	m.SetBit(m, 0, 1)
	r := new(big.Int).Exp(b, e, m)
	q, rem := new(big.Int).QuoRem(new(big.Int).Mul(b, e), p, new(big.Int))
	fmt.Printf("big exp %s\n", hex.EncodeToString(r.Bytes())[:64])
	fmt.Printf("big quo %s rem %s prime %v\n", q.Text(36)[:40], rem.String(), p.ProbablyPrime(20))
	fmt.Printf("big sqrt %s gcd %s\n", strings.ToUpper(new(big.Int).Sqrt(m).Text(16))[:48], new(big.Int).GCD(nil, nil, b, m).String())
}
