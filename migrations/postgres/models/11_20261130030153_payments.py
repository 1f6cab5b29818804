from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "exchange_rate" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "from_currency" VARCHAR(3) NOT NULL,
    "to_currency" VARCHAR(3) NOT NULL,
    "rate" DECIMAL(24,10) NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "updated_by_label" VARCHAR(200) NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "updated_by_id" INT REFERENCES "user" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_exchange_ra_account_6ea76b" UNIQUE ("account_id", "from_currency", "to_currency")
);
COMMENT ON TABLE "exchange_rate" IS 'Units of `to_currency` one unit of `from_currency` buys, for top-ups in another currency.';
        CREATE TABLE IF NOT EXISTS "payment" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "amount" DECIMAL(20,4) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "converted_amount" DECIMAL(20,4) NOT NULL,
    "customer_currency" VARCHAR(3) NOT NULL,
    "rate" DECIMAL(24,10) NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "method" VARCHAR(20) NOT NULL,
    "external_id" VARCHAR(100),
    "parent_id" INT,
    "note" VARCHAR(500),
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "completed_at" TIMESTAMPTZ,
    "cancelled_at" TIMESTAMPTZ,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_payment_account_6f58f2" UNIQUE ("account_id", "method", "external_id")
);
CREATE INDEX IF NOT EXISTS "idx_payment_parent__38b1ca" ON "payment" ("parent_id");
CREATE INDEX IF NOT EXISTS "idx_payment_account_49be1c" ON "payment" ("account_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_payment_custome_4ba8f4" ON "payment" ("customer_id", "created_at");
COMMENT ON COLUMN "payment"."status" IS 'PENDING: PENDING\nCOMPLETED: COMPLETED\nCANCELLED: CANCELLED';
COMMENT ON COLUMN "payment"."method" IS 'MANUAL: MANUAL\nBANK_TRANSFER: BANK_TRANSFER\nCARD: CARD\nPAYPAL: PAYPAL\nCASH: CASH\nCHEQUE: CHEQUE\nOTHER: OTHER';
COMMENT ON TABLE "payment" IS 'Money a customer paid (or, negative, got back): `amount` in `currency`, worth';
        ALTER TABLE "account" ADD "paypal_receiver_email" VARCHAR(320) UNIQUE;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "uid_account_paypal__071fd7";
        ALTER TABLE "account" DROP COLUMN "paypal_receiver_email";
        DROP TABLE IF EXISTS "payment";
        DROP TABLE IF EXISTS "exchange_rate";"""


MODELS_STATE = (
    "eJztfWt32za29l/B0pc661V8YjtOU3XOrCXbaqKpLftIdmd6qlk0RUIWxhTIEqQdz5n+9x"
    "cbJCVeJUJXisWHRDKJDVAPQGDf9/81praJLXbcNgzbp16jhf6vQfUp5l/St5qooTvO/AZc"
    "8PSRJdrqsUYj5rm6AX2NdYthfsnEzHCJ4xGbQuM2MnTXJdhtIfyC3TdkexPsItd+RSNs2f"
    "SJIc9G+BvvxOI3KUZh98fQv2kbfABCn9bvyqfkdx9rnv2EgYx3+Ns/+WVCTfwNs+hP51kb"
    "E2yZCXCICR2I65r35ohrXer9JBrCU440w7b8KZ03dt68iU1nrUkA1xOm2NU9DN17rg9wUd"
    "+yQmAjBIMnnTcJHjFGY+Kx7lsAOlAHDzC/1tC03u29Nujca1ojMyERRQzY8JJhU5hM/qhM"
    "/PoneIT3pycfv//4+ezTx8+8iXjM2ZXv/wiGngMTEAp4eveNP8R93dODFgLjOajiMwPr5U"
    "R383GN2qeQ5Y+cRjbCcRG00YU5tvP1uwtwp/o3zcL0yZsAoh8+LIDyl3b/8mu7f8RbvYMh"
    "bf7CBS9iL7x1GtwDvGP4+tMRdjVXp09YY57uelm0L8hT4TrOp1++rnPQD5dtZcAPVvYPp6"
    "dnZ9+ffjj79Pn84/ffn3/+MFvi2VuL1vpF9wss98TUROs/Mx8jyzaeNUb+nbP4l81FkrZG"
    "U7HmJjMH2cW/+8TFmu6bxNNcrDP+PNllb9sW1mk+1kVdpOAe8T62tfHMrmwB8UXr+Pb2Gn"
    "qeMva7FSzs1KruPdxcdPpHJ2If4o2IV7DY8VQnljZ27anMFp+kWmmjr9r6TuzzZ6dl9nne"
    "qnCfF/eSULOp52gTm+Vs78VIJ4jqB/Tp+XmZA/X8vPhAhXs5QDt23jlauHEnaNSGnd0oBE"
    "CexTSQM/JXcIeffgLdLn8SnRo4H+V4J7vjERuD+3b//v560JADvNG77XVaCP4f0qiPFoq+"
    "Dan4M+pXcvl/LrH4Pxcu/c+5C99n2JVl2TOEaqeR2Gl0xl5tN0f0XAJ4nFABXhJwpukO0U"
    "Y6w5rvWnKYZ2nrB/t5KRH1fIGIep4VUQV0gYqGSzWSKz1DWj/QT0qBfrIA9JMC0H1vonn2"
    "M84RjpZgnqCsH+Rb215kZaE4Tf1gPjstJQgtkIMyGBMHhHVLDuQ40Q6ZRvZKPGMysnU3eq"
    "ZDXNYg1+iWZtpcbKcsi/vfBre9fNyzlCnwTWJ46D/IIqyMjLTaJPxl7FMDYEUjn1gef5Bj"
    "GO+v25qRBRMASCU0LxHuRzftf6Sn5PL69kJAxsX3J1f0Ijq4SE+P/uZwkF1sYPKCXU1oV2"
    "TejsIONrIf7de4sX29jME3Fg6GpufoC674HY9McT7uScr0mxGSHkdfDtH6wX+geUutt3DW"
    "F4B/373pcKH45i7xely17ztw51RcfUtdPfqUmqdZJ+jv3fuvCP5E/8sl7/RbNGt3/78NeC"
    "bO7NgatV813Ywt0OhqhFpi1n3HXHHWk5Rq1qsy6xFGsWkXTw/W4vFzzLQJF0a68fzKT3Ut"
    "cWe+PEBQfMZvOYflRUj50899bOkC2+wyiKz0DvkZvx3gEvgjWvTR1flSiGEkDC+Y8q7wuk"
    "BBVx3eU23BYpgx3u/aOHmTQdBTXYEaubZuGjrz1oTqIuqnrkAZprsmRJfmIbpklAVHY/50"
    "qq+/N3GUvtq+a70NRH+13aH43TF2MTWw5tr2dF3UZr317UA5UlPMPN1Yd6u6DHqpOUgaF0"
    "3JmBgCDE5irv1iBv3+Euv2MrQr1hJGn3n2FK+96Yfd1BUm/M2YCFc4+GFrYtUJ++rzruqK"
    "F3GErWBNpLoOsKZ1xWjKWW79ad3VdBP0UleQ4r6PayLVE11dQE91RSsy/gc2ujXxugs7u4"
    "/sffVE7G2K6bq81l3QS11BcjHDlrU2k9APu6ktTLa17m7e513UFR4wt4I72JoQDYjzwOq7"
    "iDaAUN3gAdW6fWoXKduzt6an0/QVnXImyQzHhpGSyvS8YLiZmn1BLFyg0BeNysTCudjkxw"
    "TRLTS2XaRTxH8lfnLFfKKjEbEsDhBib8zD0ya6vOqjMcbmux+RN8GIYU7vIcIQl7V4T2ii"
    "swk2cyPltjaQiqNTcXSV2TF2EEfnuHhMvkn5TcwoNoNxhTwlTj6VcUhMW2Jj/oif0vDyzV"
    "OD3UUG4DhNDZfxp48lQP70sRBkuJVaw9idkiJD4QI3rSSZ8tFKuCNswkdLOQkVvxOH6S5S"
    "xknI0pkHgtAq856m3cDMV8xT+EAmOscvKDvTLn6xn1ea5ySlmuUqz3IUiCIl3ySJVooNrd"
    "yWvQFRJ+NWl4E5i/FPXEYlT5QL65k40QJ/p3lPBwZxkYqEX3b115nMnVpdHAH+u3EQrX/Z"
    "Hly2rzqNP4odFreqb5n75OXpXBIeewv0LjMnwZK6l1uKUWB1RUe2iyz7idAmYpiaTYS/QU"
    "DC8fHxuyZ6dYnnYVCXCE0I75UyPWBB7bG4FPSSVbpsfIQhHdK24fG+gl2DId3FyLH4tCNi"
    "siaitgfaHVj7CLxKW1GHxEK271nkBTNxybVfGSIeArBZSS3Ob/H3jS8jfjtxKfIbCJdYTg"
    "t+dKUvifnTxJz/U0pNtChTTc00RTvJS1OsT5JnVWorgtSLR+EbifbMkczXtCzPspDsocp6"
    "l8bDoNNvIfh/SC9ve/fty/sWCr/wPfWuq/3c+bWFwi9DOvh1cN+5aaHgM72zl1KMlYvUXR"
    "Com9bZBHCDMUiWr0zRqbQj2bQjAUiRB+EK+CZJFcRFEIf2sVUgTpIqiLMQczxGeKJbY80e"
    "r7BTFJErqItWM/+xWCqENkVW5UOzSjY34siAHLSuX5KEzduBxEvOxfI8JUoxvkmq+uG8ld"
    "w2gUS/Bq+d7+BTqS2jcdnvcNmGs9bic0gf7q7E38HnkF51rjvwd/A5pNe3XCJtIfEh/rp9"
    "uBd/8s8h7d7cdfqD257oIvYH5887vSvOnfP/h/RLp9fpiybRN37/8mvn6uGaX4u+AZd/dy"
    "14fP7BpYB277JzzZ9UfA5p5x93t30+dvC5EsdfJoXJSXEKk5NMCpOJ5zkQzTJaddUkOqj0"
    "wvnSuYf545N+dzvgX+F//h1Wwx0sheTCWWV6yjgqFPspZNwUYooriZ0zSVXlGanMEeViA9"
    "zX5bKBJYgUzCVgTmlvS0oMKSolKGQFhek8Gqfs6o2R1HDtboW7KsrsfY+/FSzdwkTeB8nA"
    "LtJMd/5xn1BKZ/yUZorp69vel6h52nkpibdJxuMs2sWeY1H7ariMwbC1cRlTzgbK2UA5G5"
    "R2Npgntsn1NkjkvVnkbuBNNBZrWcrfQLgACGcAMnWwy88fEX7x7kcoTMQ7Q0GQpjDLI+I1"
    "EbOR8PuC0AziIUxNYb+fIt2y8h0ONjsEeBx0PYYcPoRBHN2CEBAd8RU+HiM+hqO7Hl/BCD"
    "RCTbigo4gl/I6h0CaCjsDlIEjx+K4Vr8c0pPYYPQLxI9KpiR5DikcRaYK9Y9QOxxo27gQ9"
    "uobfN2wEzxENEE4EuEuAOTKuOeje9vjP0UNXhyCYRfQIo6LXiY109oxNdPQ4x8t2H99tI7"
    "Tl4aF7JeGx4PvEPAaaVXaK5Y4LsYNRjAT/fdzHqRgkUwxk7/hhJ376Yt+EdczXuzdcN4Se"
    "SxLhRlJHlljZca1YN2At9h/AoXT1Sld/4NKkisIoRr++URj4m0N4byvMepKyhrN+ILOsQj"
    "DULCutyFbV2Su5yCnnuGWwxoVPOWxzKBXAWYDlveGUA5xSj+5PPZpeuxsAtmQSoIqt27Kg"
    "xl7X5Yga80y4a4JaPqfugeKaPLuXQxs/j9SiXQJuzuEtay2JCzZjzkBPNpLpsR/0VbtEj9"
    "u0Lc0rAeRYlhJlAortSqNEs1JGpWFjgKmJOlCMadgAI0x4ZXAz4H97dhBCGmYQBxsJ/wVv"
    "MzsNayHCL0epZ9GRzft0gpcuY13a0lhD6mKDOARTr4kew/y1xzMs+Jvx+E7EuqZCZRkYsW"
    "LxssfoMUpMCTRgJOLNhhRiboVFKrqLXie8F31mv+INPP5oregCWJ8wsqn1Bh0Qd0bI+5gX"
    "jlglcDamIJQLeP2zRLtuLS9abGVIoJuiUpJAjkpgolNaFAaz3A4XI6+yt1ujc9PuXreQ+B"
    "hSvuG1YNdbxeZWpvRiceHFbDVRf/QvnMfMLqhzOSfZoflzW7blHQQgjWzzLQtwsXdh1L7K"
    "K7qyzoXRGTl6kw+wy6OtxSTsYJHPmDCtQJez4JTMUO5Oe/7hUM5JZVX+E1qVlSFK6Z8rpn"
    "WqrnsuVArMUZ6EBQSL1SZG2KBc1i/dspAe+oKKwutcvAf3VGwi4v04UzLYfJk0EcUv4OAa"
    "FOMtSPK1RofgYduzo6xd75/xG4rNKjp6TEzof/8EP+vxHZpgF4P6xQ4UIVPdfQ6zfUHWdk"
    "Qow67HhlR48o6EFgNNfGpC7na+6H0G7rbiX2w4ZEyw8QwKGUgQJm7D80x060X8EobgZfgx"
    "0Knw34+ZB4oR24K0YvCr5pqeSEPD6b9jKFxwaIThd4ZPxztoijFm2iGh4gGlyzDAiNlj73"
    "2wNgtTzSeVK3wiYFX/M6OBMWLVyPjPd1W2sYpmG4umUIbln5PUkNM/Of1cKq7884LA8s8Z"
    "lYGnu6uxoknKGrKiB8J6lnOCouyVHxSrzHOKVDm7VXmewbyxyiTH6dSrXOkpFkyL5PRGNG"
    "pqKz21pu/OrPEl9QNxEqUdyNG1QT0rvrWtAG0OpUI4T5tpESkmPWheO2vT5uO8+GNx2bhg"
    "2RYDnCJTQMsArckX9cqnrh3sZ2Wymp0VZzU7y2Q1iwMnNDdujmW1HO4x8toBXwb3YtgzqB"
    "sc0Ces8V+aW9l4gX4rTVmn03Anyq642zHUalphChJ0agJWngDHlLHCha2VJTsNo0kYH4Fi"
    "w9MM3Wc5yc2KJZccUuVUlxMQJswrK2l1UqQ1lP6Vu4ByF5AVV/eW37KOyCpHDGlHjOgByn"
    "pi9G5R+1Jk9cldxxvA9zLWVV0BTr3ARQjvzdvlq+271tvAn071/Pp3mTbNJX4w2kQ011is"
    "/VK3mHvwXPGnImIHYnJiSdwur/osyKAWmn7BtQPaPNxfIhjrRwTZlqeOD/deJ7aF0di1p+"
    "D+0UhN5rbGGVJBDUE9wnFEdAM0QIJF1TsdBggy0YGGF7LdMd7AwKLGnut7k8KUb0XeI0Uh"
    "Psq/ZO8SX7F/ibKj1daOpnsenjp5upVixjlGopi7/HQvIKtjyWwvcxqFap7+pNAsueggqK"
    "tJcsc6wKWm4UVzUHPr8K714cooUYFJUEaJvRslQFqTQz9GpKBfY+0H8uQqMXlJUiUbVFs2"
    "UGp1pVavPLJKrb6X/HpKpy6D7iKV+v7DR/u2ZfnOje4+N/K16bEGzWWqdFe01aZR46V69G"
    "HjfkJYXK0d10KbQsk95A1TeawCiz1vHctl1RSBmf40UKMktOhbGWVIj8JQy3dRwCj8/Pe+"
    "E9HHyAIN+0wfH4S+wkNso2yKUo4r5bhigNdkgBWjtiNGTTETRczEARrobTrGLuaT1LftaS"
    "5DkWyxmKOYteWMRdh4KUfRRpeWzhg6R3NyBORgt55XW2vyw1g3Jvzw5+eyThH+xg/+qCYa"
    "HM4hT/wdy3ATGx9hSEWtNUc38DECi/9dtwepOJ+x4wU5NXUGPejuk01P0URnk1LZHWYjZs"
    "zvUuzEn4WX2Foizfk8SLFqCbI6nSQ71lnK1pxfq9p81byst58EzyFUgy1JBuI4jYK5FMww"
    "AiRbJlBWlEo5beSRqhiN9DYBwrlrwojZXdq2LazTfHQTdClYR5xwW7jOruxWkLu4vb1OyH"
    "AX3XSG0oebi07/6ESsbt6IeEXGJJXf8U8YsBEmclth1pOUatarMus5+pTw6ZU9UdkTDwlZ"
    "ZU9U9sTKo1tle2JY3Ctf8RfV/Vqo8Zs1KpWaNqgGlVS8BTo0/B5q7oQVbRAkl9UtZNlPhD"
    "ZRMOORmS5Ktvo64WvlpaCQzzYGGoIvIDJ0htHRI4ZetGf89vjux6AnnbFXLlkUawKJKXSB"
    "zXleWgAPvRJIWOsNqQgY0im1PXge/hTltIbRgyzJCgvzGzRrokQHhTdUKZ99aSB3qgKr2r"
    "66A+XMbMlLYhzRKJzL4Sz2JhmQZwQ1RPjstAzCvNWCXFP5CMsu5QSRQroc0g5HSWpTnhHU"
    "UWNeaq9YsFVk1OX2iFhS8M4pFL7L8Y2q3AqQclEuUcgu1ccOU9J96fQ6/fZ1Qw79iKyFwi"
    "9DetG9vu72vrRQ+GVI7zuXX3vdS2g1+zqkg/Z1BwrgwceQ3t5/7fRbSHykxY0y83nyqcR8"
    "nqTVfbEM958yu5E/soihcVkB55iWiuu2pelqkFZwkdZ1G9XbHJe8cGxWwD5NqMCXBj9gXb"
    "gwTviQeb60i0x/WWJl/5Ow/wUn7qrg51Ar9CXQJ46mW5b9moX9b4PbXoG+JUaTtr8Rw0P/"
    "QRZhW9NsN/4y9mngTj/yieURyo5hvL/uYTMCjBZvRul9p5m0qUEHmZMgVPnJ+9OkCWvIwp"
    "6XqQLMWxUzseeZSsAz3KCm8tNKRumCLlT9l+oYo7M+CJbOPE3o6FeY8Qyxmusqz7XyMire"
    "YQ/T30R5Gf0ZZ115GSkvo3ogq7yMlJdR5dFd08soVjoVMwhiykuWFVL+9HMfW0Xp4aLl7H"
    "uTQdDTwbLTGcwTyzNQZBlRoR4zTxcsg1jocPVLrNtLfqdGS/aPHbiyZeArdm3LQ3qpq5uW"
    "mXZBViLMFdoihqmHPBs5rv2CgyQTM0ew71jkm8YZKM5jMah/HmhN+Y+djqDoOBNVyu1Xeo"
    "wER5iajy0NM6Q6RV9v2pfvB1/bp+efoohYMdaRz1eZGzjMOQ7vnWEuiHlQGf1d5Av3oxie"
    "N+Z/M/6oFn7vc5SGFH9zCH+GwCUObjrw5PrYgx5tG/HpfkOvrk2f+AoiWDwrZMHm/VH8il"
    "2RQNvFjqUbGB76GA2ghyF17VcGibbfED9y+G8NHjdwuHuycVBLHkrR+wIpWH/zJB/WG7LI"
    "lHjwOzmUJiuZ9eO3uEOk8p7bl/ccaPYoLvA7KmHmnpNX2Tem0blpd69bSHwM6eAGzNU3g/"
    "SWUEZXW6YAe3H59Uzx9UMr8HjYfkmwr0obIBJENUR688U0Dyb5+qHE74ZH/ypV3ROUNdT4"
    "Ha6GL6vYFRzdCpMcp1MGmyrPsDLYFO+Zh6m6V3X89qi6D/UMcpr7BJHCVSnu96q4nytB1t"
    "Xbz3uqKbbJN7dSscGRzSRPgxqzpyxQmcZbLdWQdl6w+4bEw830i2EHyOC/5juGLnRGjCaC"
    "nITkqYnagf6yieKa3CbqgXs1KBQz2tHNDzGkV/rbf91z7gT1MQxkeIj/fk7gWH6gUAQW4L"
    "2IBR7pFix3oeu0yAsfPNA0BVrIUsG+81jdjOox1oq/Vp7PVDxvZTSSKp63hvG8FRMpdwBz"
    "uK/kgrxcrz6n3mHcC+TX/aXTkMM8pGqh4HNIu73oSvRtSO86vfb1/a8tFH4RV666vS9a++"
    "6uf/sLBJSlr6yinN9CLGBw7MioMuMkSpWZltnGFhedmYPzYmIKIU0SKVAzNSTxiHiasMPm"
    "6JWwQaa6VWRISlCm9UoB6XHYxdZ2ng+Sm84mdIdXncvuTfuav/PNj6mAomin+JgNvSaUTP"
    "2p5uhvU5wnEi8EO4daAb4YcM92fEczfBdSkZM8v6HiiK48WhXZldCZbiKyy4MUvNg15N+H"
    "FOWf8F34XuJVCBeyFOMep6mhgHRWxkWg2EEgjXCodJBcxTGqP+EKltrNI9ZYI1TzWQ7QS5"
    "nqGKViA3NKKMdBWsXKmNuDsilX2abMuUlHtzTp/GFpuvopdrbiQ/aKRww2OgmkYyT1A/m8"
    "lPbsfIH27Dyn8IamM4Zd0MDnKdkXLOo0Yf0A306lE5HbVdMNA7O84IxF2UoytDvMVRJZPg"
    "42VUkI3oSYJqYaw0JSlBJzi3tQwu7Ghd0Q7MASrIUW6RVfmJxOVJYfiVfnRXelcopF7VUq"
    "MelUYoS+2MTAGoOif35R8snldq28fnY4HTe3vfuv17/Kmrh6nHNvIfh/SK/a3etfW0h8DO"
    "nfO52f4c/gc0jDAVooPpJsAsQyx/tJ8el+khW7hTODFoHPwS7UXy/ctxb2o7YumQRlIYSm"
    "z//pbzLmxTzS3alCzg5FFxLBBGElli4nr+XR1k+OOCklR5wskCNOcrKYf/OwSwNpAHyp+O"
    "NISnDFPagpKDUFrufw7lz8qlsrx3Wm+9jhGX19e/lz50r2iA6oWij4HNKHXnQl+laNo3hW"
    "UVFzscdPToiMlzwAFnWhdOIF8rVpT/kQUpqkNGH9tp+t5J00dWK9gbMONVfzSMmjX9uwVr"
    "F52LRhjXnE1dhEf8aQuNHD4D9YGFJexv2wsLsKvwWNdgu1h/SihS6G9LKFLlfa8svs+MUb"
    "fiYUOnCK5yuZ4hOZ7SdDWGHgq6TIjuN2uirgpwrw0oAbxJNzSQnb1w/e7XDz+EkyN8icQk"
    "FcCmLQ+XNOL0pQVZ5BTJDVD+xtVNbhAr0rt13MSWqIcBmAi/HNnH2OSGJmaoZFNDvMeSah"
    "382lV3pdCb1uvGpKmPfOxb/7xM0LdyhdfyWnJzUrqxZjWW9alnWl5kViXqSrQqlqUKubcM"
    "FR89+SZRnjNDuE/OH+cluobzv1mUk4S/jKf539KuXEk6ZTrjuLX4AVXHdU7qXit6K+uZdU"
    "sYy6zXqOU3wm4XiQGWaVWU9SqsiH6kxy9t1WedW2YzONIAocVCUro+QTr4RzxV6dTcPM3w"
    "RsWbL4pqgUsCp/3R7z10WrcQPg9mNdHdb6LQtu6tVNoNvnp2G/e3nfWLQTbwDlB1ZnhPMP"
    "nwTQ/FFQ7+H6ulyFH8PMizGQqlVjHmKcfRHgSYnadDXmT6e6m5uZQxKlr6KayED091ZnyF"
    "zbsnyHr1H3eX3U+qKzG95XbSGz6RhDFgvMkbOn65eOCnvr885qjFlRYJp8ma26guTpT5qb"
    "q6eVAinMinqvP9UVKOJoXA6frAlU14FCd3XFKCgHpo0s21h3V++Jri6gp7qiFcaNrQnU3T"
    "z6rI4gMf7e+ZxdXxOlAXFKMv0HgxJw7tvO5Q37+YJ03uF2vzyjt+aFLZdm9b6lGPHGkG5b"
    "nyXbhnKAok+4HFYaRMxGY2J5fGmgV9t9RrpFnnkDirDI2o3pE6FYJMlO5PTexgC5Wbjj2c"
    "zh56czcMOfKqP2rjJqhwuwtNE/aL4te/9Okd2+86gqH74jLa4qcb3oSGxutsT1Ng/YzjfI"
    "MveE+7p4nMwJm7i/8IjFYUvNjZouPWMfqDjixujRs6PUsG+PojQun2JRxfZx7NrT2L2R/8"
    "aaaGxDlV3nve8wRCjSqQ3HHYqaZQ/brY00pHCOO/xSqO0URTKi28jRCT/TGfbQ6A2q+o7H"
    "6AjHIB1g710TUTjIkYld8oLNUuU0Es8qpmH+s9QBv9cDPjM1ZY/6DKHKEZs68TM5YuOrXo"
    "apshXOUjhHW7pE5HBEsp8svPvx2ZlFC39shnkIyoQLK6e4VbA+OP+oaLJGbxqHu6jK++KJ"
    "jtPWcNfaTgyy8kvbisNUbE1KQZuhU05Tymlqj05T8/W4AXjr7dCTeXWlfXm2qcoITZo5So"
    "y5sbNYfRGaVcspLrp3CBpDvqcg7DCpxW8hQ7cshkCiQ49hLotHdKRTFP6BbBdddq/6XPT3"
    "QKf/roleSTB6Qm+xrYGG9NHDxkRzXDwm3x7RKx8CEQ9NdAZKkSbSXZwoM/odOx5STuUKFQ"
    "9/DVzvUag6wiuYmo8zonCs7/iDEZcFKhFLhy/hQ/FRTk4/vx/xEQNTLRvSo+7dy0e4A5/v"
    "p3ymsAnfPzXBADKyvQmfjSmxCGaITWAo0N4wRzcw/CiXeB7/DZz+7Af0b+za7x0+GjaHNB"
    "Q5kEmeiMdaCP/u69b7V2LyHsU1FOANWJnYRcK6In5G8Gjw/U0MAMoiaCHsLkPKzzQrrKvK"
    "n9DmFy3dCfQ/4KtBKNhDBSjivUYCKWRMsPEMKAe/KbDesFJaH8jGRxmswYVVVGNzpOql7l"
    "b5Ey5wGd4+RlJDlv7jDyU4+o8/FDL0cCuti5ivbgmYU2Q1hPqsDNRnxVCfFUCNqVTK0ASR"
    "grkEzLGTWEqLmSSrYUKWjae8mR+gGZwvyFPh6Zcgq5G4+sPp6dnZ96cfzj59Pv/4/ffnnz"
    "/MzsPsrUUH40X3C5yNiXkoroglY5pX5Xsz3EcMUEcKS0fBmAvjjjOfVGwv2HXqE5X5oXhh"
    "H2YOAJX54c846zlGr4zTtLK9bOngV36OyvCyYwZh44YX5UMqg26FfUiv7SdC2x4U6PEaOe"
    "aXxP3mIiOMBS1Fkvuo6VJTTEfEQAhCjttb6LE5cW3Pszju4Hc5szpQE/7E7yGbZ9ZHdK2e"
    "clT3ygtzj4p46QLM61VernSoxVYqLxNHBt2gdf2g3XzOSuYbBsamdC7cBN0OE9/uRzOxwb"
    "y38hLpLiXRnS7twxREi9QPGbZ+j9zRfcBG4EL2aNagBH/kxdsuZZBE9wh+y3t7PBb+IxQd"
    "BaxLM+Jo3olIlSZ4iwgHk9cJ32pm7M4RsGMRu/MuyzltfgjwNRlgjBh2X4iB2X8lf/mx8x"
    "ZyZxg5tkXCkJ9c/4ng6AmOdxUZs0+erEoswx7NmpvnGarH7O7TPr8NbnfM8fLdPCtR4a4Q"
    "J1E2tzTXBe6AWgjRCkaBHHKVHbg6hoCs/Uek4sGmBjWEc7aqxbOdIVZzXeW5nomiK7zYaV"
    "o101Wb6YqIVTdcatCfcgWq6FZzkSg1jTUqlQwoEE1AfBncDJBnC/dzFxvEIZh6cw900B5z"
    "sYT3SJluRD77wpdehP3zr7qHDN1nAW+QSQq0jYGGkOQAtNZMuKSPPchhYE+nxDtGjxbWGQ"
    "4210ckEmFy8Yw3NGEIx7VhxTA+AfbINrmIxhHird7CFt6QCkoYmDbFGDoyXJ1NsBjNhNgB"
    "JIZAjEwd6w25PmXI9r2SivPfGlDx1hdgUfzNi+wDsEPwpgnX95iLiJzn+yL3v5rJdzvx+i"
    "uWAvdnu67YQbBxp4AgQagkrgkiBWsW1pFr66YB8oYUsGmyLUF7ePqhjD9wvuJieV30GHmV"
    "1RiNzk27e91C4mNI+ZnegoM9ffSXUW2cl1BsnBeqNc7TSo1nUhTZsRz8iLbSyN9zBreF4P"
    "8hveScbrv7pddC0bchvWsPBn+/7V+1UPRtSH/p9Ls/dS/b991b3jb+15B2e7/cdi87LRR+"
    "EVe692Hb+fch7Xfgma67vZ9baP59lTk/KVOW9qS4Lu1JpjCtZ8uoCoPWVZ7mKukJmT/6Fz"
    "akAtNiJDUopJnasEol9DhfkNDjPJvQA6QQzeOCQBblYpf9BFENcN61177Ab+JNc07rJaBH"
    "RCpWQh51hnUL8i1wHGVwT5Ep5OWRn2Dd5NJmqCXKZf2Lt/Rc4s1sOvtVIGw/W9Nc1bMKVz"
    "qn3uEW/z8PnYfOleRGH1K1UPDJ5YJOj/Oq8P+Q/sQlBbgXfK7CNX4qY2IutjBncmgFGjcZ"
    "82ecRJk/c82f2HXtHO/34n09SaW2dflt3XHtFwJ7s4vDwkMy+3o+dR3mYQc7u4r7LEa/Xo"
    "6XidjqlMFGcupzyGs4/wcy36WM/zFjouxkp0iV6b/K8wyG5FX8O+Zkan6rPL8qdFsFGO/2"
    "tdlIgPF+nJHiRQJzHJJSNQSLnZLidQtFy6WeSb+JjHZNJD7Q/0OM/Bu/i/yAQsC+Y0HqyS"
    "aa8F8DgavgURR5VByjPoaTF0JcdTQbOuGWtJVRIDMnzJ9IsIlc+7Ulvoh7iEBSU8w7f9JF"
    "2RUTrkz4JzbBdShI0qlTPoioxyLaCspSiTRjuTFVNMieokEKMjgucsQqyt540CfLjpOwwa"
    "srsZqj5nVCfGNaPJ0xfkSvpNNIkdZQqK2xUkPxxiqtUfWRVVKHSmtUeXQrnNbojp/Rr7Zr"
    "3tvPmDZyxLpkg+Yiwc4Jm3KRJGq7VLRrI5CWLPzeh7v4m0MAcSgm+T7qjotB9FmUeyD0hX"
    "hhhQiXS1izFvzUw15OzP5Gexfh+h5f3iYUYAApbvC1/f70/FNUxpphw8VeIOAF3+EytsZ8"
    "ZMKgNCdnFKKIFqm0Sr81/LDmysqxH0qUW1OUc3yXc1gFptTlXhsx8ir7mTYWOvuGfr7p96"
    "yUi2+5StgLCmFnXXz5LqNNdDaRMW8nqWrnr7T5vAvKpF0MfX2lP3FWYrbCrCcpazjrBzLL"
    "5QyczooWTkeZOA9jhpUaZ0uVQZmsCidGoRBV6pt9qm8iaXJNYEsWAj1UVGMvbLVUNm9Qc7"
    "GRq6wJbjUXq2nmjZbqZ25sit9ixTghv6GJjmy3iSh+0j3ywomebE8kRnzXQo/6FFbiI6g5"
    "Hg3fBQfit8cmerXdnMqfG+19SB/5lL5gV8gc84bJCp8oIkO6B3U9Pczpx4Qvw6A+qMi2GC"
    "CEXnU2pC42oGSmeYwu7anD1wBokIgo88lQzoieHVj4dQteniay+f+l7PVTftkWqw1KcblU"
    "t2DxLSyCGdcGQZKQuFpWaYr2pSkKVkIOSx3UaC1guWZEaX46oDoOqbe13zY+NHbPTV91Lr"
    "s37euj0w/Nj6kcxrOymVkf+/AFltH6xGmqrH5bUetzVibIuzjEO4NwalOTXMp55GpRL1vU"
    "oYlotdWdQ6yW+bJlDjhILu2IZD/LeT8qj9l6/tgM9fNlFvQBxrjedXpX3d4XyS0jImuh8M"
    "uQXt7e3F137iG6dfYVkrP0LjvXIuZ19rUalpQ557nKXM2pq7zlNG7avYf2dQsFn0N60e79"
    "rN33273BT51+CyX+hMnqi3mCbDl37V/vgDL4hHuDr3Bv8JV//9r5n4cO/0t8Dunt/VfoTX"
    "ysMrnbKQccCRMSZ0qKrH7xnyel4j9PFsR/nmTjPx3dxbLK1gSNyqCWW7lWZuVG7eu3ZLeS"
    "aUjZd4vRr699V5Wqrdus51gDM6VqjUCDudrbnqJVZt/qTHT2/TaAVbes1WY6RatmusozrQ"
    "z8Kk6j+sgqQ7+K06g8uoviNPp8o+53L+/3ZvXHLrFNYvT9/DCN2O3mQut/2FBz/ZIhGn8H"
    "s7iOIkL0L3sEceqQtQiZPv4R6eYLXzpgFn8UqYx4z5xzeIRGwvZu6WQKMRKixIdPs2EaWx"
    "lhjWLV4jPzxizQOITta+dNvkEdWbG5PDajspxqirSGwmidOFWR2VG8q5C3V8rCmUNaP/Xe"
    "xjISZpit/RxZfTzmq2dSGFqYuL/w0HKDlqsGFqKQHgn6H5EDEX3UC9K08PtmWH3qhd9mIp"
    "QvqNvLMGO8u8VxhZvofI2zSnlwbcGDS4WWqdAypYRWoWWK21ud24OjbxXzElN654OY35B/"
    "yVWPPjx0rwoCBxNUqRn2fWIeA229Xt3ALzGYq/gsiF+6UDUaorUJ1ajvTQbz3g4T3KUKvO"
    "TqqlLQTp8LBZYlWPscOSi811wsA8ValRB/HN31+CSjJ9f2nZYQPCCgCdKUYJFrEpvEC1KS"
    "xCNkGIqytkEkC/HyhJ9Ndr0sKkZgpZJY7lMa2q86dN+MuCoaocQglV+x2ruXsi5XIPd41u"
    "qcE/5xEZL+9HMfWyLZ2kYsztWU8zKAZ4Lw10SoZAD+oaCzVQbcFlBkmW+4vpjxjlqUYLqh"
    "cxPyC4I12sHulAiBhDURR5EA58svRsnkBav85OrUCzhisSDy+O0N9apY7UocVorV3mN8zv"
    "zlycL8t8FtryBEJ0mWZrSJ4aH/IIuwrTEHjb+MfWqI3KQjn1geoewYxvtrY7t7dB70AFOC"
    "x87ULEyXJ0wxz9BBpvQy/CqN5Ki6Lmy+/+o0f2LiZKlZGXG6bU3H7Mpukb+4vb1OIH/RTZ"
    "eDfLi56PC3IhWmm5PVX0kfSvqop/SxO776UJDeKmM9II6AK4e3jm4tZK8ZcbQoH9lyFnvQ"
    "vUO6z9lX6hEjTNY9jmWQOkb3IoFTmLqbMPSMnVAXHWbtNskTZh4CPw1OyF6JZ2QzU21pnC"
    "GlGJushb62T9B/o5ur8yP47YBby8W6NW1FXb4rxbJHxIvTREEsNxWmH5UJaqfs/Gx6JFj6"
    "OE0N2frNexHNV3d2z19QZytBtqWw+32wMjsutSV2LZn1PSOo4eI+PT8vYx46Py82D8G9JM"
    "IT/UQG37B5DdE9Oy0B7tlpcQKo04zlbaLzA9nK4RaLA/xiJLuTgD5U+gCMAepIYekoGHNh"
    "5Cyxbln2q4yOKk6jFFQbV1ApI33x6q+vkV6lSanbrOf4tmYss0o5qlIqVB9ZpXZWKRUqj2"
    "6FS18Waa2Xq6wl1NWePh4LzTGN/DOaUXXJwIca+goqDzxGHt4irwHDOa7X63enIk2rpSHG"
    "UAVURr0zI6hdfOlZqdy3ZwuS355ls98qh5rt+q7Pav7KBktnCOuI+DbUwYRp/MghLznLeq"
    "GrTIJuh74y0YZysK4ys5XKz1BJzNOkCvbysIuUL5b9RFZJDJQhVrHE1dG3ZNVsSrlafKIc"
    "pppNRUDtT80WCX5ywKaoauQRsTlg+VEvCeqcQi1Vpbfcp94yCmNaE9goXqqmqMZe2IL0r3"
    "k77SZwjXV1WLtsaWiTB4x0dt2YCDx1sMtsKvxy13T1lkuMciDQ5yXqUTgtwSk0FGgqerkM"
    "WvgbeMI9YQ1+FyvQjUjA1Qn764cVFmsI2UwbJBJFrrm87sLOZtlTa3IgbzVWpY1dYkwaOU"
    "a/8E5zkdlPn7dZZvgrhkEZ4KplgHvhG31u7ECx6SJGoowW5YwW8FJJIBw2ryG6W4lq5yN6"
    "OE9sLvYWjpHs3ll4P1rxjbkFZxQYu/Rf+eP/A0ceMEI="
)
