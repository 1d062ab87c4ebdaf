// The built-in RSA key pair that signs OpenID tokens (OIDC-3). It is a TEST key, public on purpose:
// committed so that the same seed and commands give byte-identical tokens on every machine. Never
// use it for anything but tests; `initialState({ tokens: { signingKey } })` replaces it.
import type { SigningKey } from "../tokens.js";

export const defaultSigningKey: SigningKey = {
  kid: "cognito-identity-model-1",
  alg: "RS512",
  privateJwk: {
    kty: "RSA",
    n: "sqW-vGo9tcqaSwK3YoeNp9Rjt3l3Gf_4KxjdtJmLYedvxQZt72RfqG-EPwo-jlEaV4IdUcIQF8PMWu29Kv84T8CaLbflnpAajj1Tptu5jUlX_XOnukqM1XLaSHP3O-Roek-ggW8s4gxg0I0cvoMllD2R1LAgHGJjqeRWPyt5tnD6kbNqM2ujG0RaDDG8imO3_RY8cCa0LF9UojsILnkhXkAx02Txus7YLC_uz5hc0l399c3X6WYfNDGg0P-i9o3hLNaFO8g82GrzEzGdnzXk-lg3_CvnQc-nXyqT1aj-nReCknGuW6qyUijqz_SCqnX-adJfxx2tptBEXLYz2XSuyQ",
    e: "AQAB",
    d: "BPg7pbvqXs7lqynGjncBI66yvfFC9Q4T-iXxT_N4B0eUCkX3I7JV_2ZnxkWrjxO2QQIxfNtiTXjwy8RCj4pFR6Gu4E_18yrk1DlkRPdmkmW8jQRNQY9Omub8p8iTE39TgTiLGWKte9XWkSKlzq5xCo5KauFh6Uw648hidlQoKQEwb0KQmVpnz7EVoU9ODqQIEPbtwJOWJ-fo9mcZJBLrJul9tt_z4ea5e0CCkiKovhBP5FM-AlaJxtTxTDvyi2MeafibFVZlCivGJo7HQWPndm1N1UyBpDGUQRaJ1JTy2mpb7BiDOdZ62un5AdjZUz6uDenm4csOOeawty93MauFAQ",
    p: "1uE3XqmJ-9q5FKqt2N-paYiR8RlVymto7E_O9t0uKLNATo1kz1iwUWteBNJ0_sHrQtmjwbi22l3Ec5n6ZA3tfErxW7t64-ZydI0Y3IpGjWt8cU3E9CQyrf73-EO8sASG9U7JCb8LOHDGSF1hezNymsHGd1bJSowcIPYmYba28ck",
    q: "1NWJmQECFZtxwelhA5olXSWetxMERgbzpxkABvj_HSFaH7UMQw0QPNyEx3FswMy0zc0tiFtChDO4nZzKDjBx8Y0h5yTbm71tgVaXt_LO9g-wnRXgt92-nJIpvNmMwvOYmJMFkoBVurvChCR8pLPdxJElnZqEO189T33qfsvGVQE",
    dp: "TgceShuaZYA5MQ4Bbv1Y0V-sTzZ59rUmNpmMeAw9FL5ynZOuhbSY4hfw3iNmJJRaT74kPtZKX-UozymcyPRdxoKYPk1IBLXL3hLWck8r63Kaj7JD0LvMQ26QsPA39lrOfwmK6yUad_ZLqj9uhIRcG2I-JVu4YH-cP0PjEBx_NjE",
    dq: "zL3DCVor7CdGDrl4ZyOxT-LxxMHZeZgUaimlmg-MMzSzYw8ihZoahcHJRad6bBpA0D3R0HuiCFVNAuoigfXelvUiqR4O2MoofqSTfRRqPdEoIGU8cQQy6qG83vwU6jG2GQhN8vnb_q_C1qXW9gZFj2Pl4LAVBpx--Wpy25kh6QE",
    qi: "IGTlbOTi87fg2fcfRk5gfC1vfB_i5HjJ6de2CQob3QN_sO5cVvG8pJdLsBvsiRUGGzx_Cjn-PNTQX_bHpmyEc_1Jcpk0-CSOltEenWIf1N9kzsmr0EhsK9V3ETU2JE6Sv5Rp2WCnT_8lZSzmNxbzLL1o7U4KYyKwi5mvn-tzU7o",
  },
};
