from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "cdr" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "call_id" VARCHAR(128) NOT NULL,
    "started_at" TIMESTAMP NOT NULL,
    "answered_at" TIMESTAMP,
    "ended_at" TIMESTAMP NOT NULL,
    "hour" TIMESTAMP NOT NULL,
    "duration" INT NOT NULL,
    "billed_duration" INT NOT NULL,
    "cli" VARCHAR(64) NOT NULL,
    "destination" VARCHAR(64) NOT NULL,
    "destination_prefix" VARCHAR(32) NOT NULL,
    "destination_country" VARCHAR(2) NOT NULL,
    "charge_units" BIGINT NOT NULL,
    "cost_units" BIGINT NOT NULL,
    "pdd" INT NOT NULL,
    "disconnect_cause" INT,
    "ingested_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_cdr_account_3b62f8" UNIQUE ("account_id", "call_id")
) /* One call as the switch reported it; written once, never updated. */;
CREATE INDEX IF NOT EXISTS "idx_cdr_custome_ad0111" ON "cdr" ("customer_id", "hour");
        CREATE TABLE IF NOT EXISTS "cdr_hourly_summary" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "hour" TIMESTAMP NOT NULL,
    "attempts" INT NOT NULL,
    "connected" INT NOT NULL,
    "duration" BIGINT NOT NULL,
    "billed_duration" BIGINT NOT NULL,
    "charge_units" BIGINT NOT NULL,
    "cost_units" BIGINT NOT NULL,
    "pdd_sum" BIGINT NOT NULL,
    "computed_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_cdr_hourly__custome_b301e7" UNIQUE ("customer_id", "hour")
) /* The sums of one customer's CDRs that started in one UTC hour; recomputed whole from the */;
CREATE INDEX IF NOT EXISTS "idx_cdr_hourly__account_93bd97" ON "cdr_hourly_summary" ("account_id", "hour");
        CREATE TABLE IF NOT EXISTS "cdr_rollup_mark" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "hour" TIMESTAMP NOT NULL,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE
) /* "This customer's hour received CDRs": written in the ingest's transaction, consumed */;
        ALTER TABLE "customer" ADD "channels_in_use_at" TIMESTAMP;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "customer" DROP COLUMN "channels_in_use_at";
        DROP TABLE IF EXISTS "cdr";
        DROP TABLE IF EXISTS "cdr_rollup_mark";
        DROP TABLE IF EXISTS "cdr_hourly_summary";"""


MODELS_STATE = (
    "eJztXe132ji6/1d0+NL0XJptkqbt0r17DiFMy05CcoHM7OywxxW2AE2M7PFLKLM7//uVZB"
    "v8jsWrcfWhhRg9MvweWXren//UZoaGdPu8qaqGS5xaA/ynRuAM0Tfxj+qgBk1z9QG74MCR"
    "zsfC0KCR7VhQZXONoW4jeklDtmph08EGYYObQIWWhZHVAOgFWQtgOFNkAcuYgxHSDTKxgW"
    "MA9I1OotMPCQL+9Odsfs1Q6Q0wmWw/lUvw7y5SHGOCGBmd8Nd/08uYaOgbsoM/zWdljJGu"
    "RcDBGpuAX1echcmvdYjzAx/IvuVIUQ3dnZHVYHPhTA2yHI09uCaIIAs6iE3vWC6Di7i67g"
    "MbIOh909UQ7yuGaDQ0hq7OQGfU3hdYXaspSvdhoPTbA0WpJRgSUISA9S+pBmHMpF/V5r9+"
    "wr7Cm8uLdx/efbx6/+4jHcK/5vLKhz+9W6+A8Qg5PN1B7U/+OXSgN4JjvAKVvyZgbU2hlY"
    "5rMD6GLP3KcWQDHPOgDS6ssF2t30OAO4PfFB2RiTNliL59mwPlT81e60uzd0ZHvWa3NOgD"
    "5z2IXf+jS+8zhncIX3c2QpZiQTJBiu1Ay0mifYMnmes4nX79uk5B31+2pQHfW9l/vby8uv"
    "pw+fbq/cfrdx8+XH98u1ziyY/y1vpN5zNb7hHWBOs/wY+RbqjPio3/SFn863gRpa0QK7bc"
    "ZFYgW+h3F1tIga6GHcVC0KbfJ7nsDUNHkKRjnTVFDO4RnWNfG8/yyh4Qz1vHDw93bOaZbf"
    "+uews7tqq7T/c37d7ZBd+H6CDsZCx2NINYV8aWMRPZ4qNUG230ZVvfkX3+6rLIPk9HZe7z"
    "/LMo1PbMMZWpYads79lIR4iqB/Tl9XWRA/X6OvtAZZ+lAG0aaedo5sYdoZEbdnKj4AA5uq"
    "0wPSN9Bbfp6cfR7dBvAomK0lEOT3I4GbHWHzR7g8FdvyYGeK370G03APt/SII5GiB4NyT8"
    "z2BeweX/scDi/5i59D+mLnzXRpaoyJ4glDuNwE4DbXtuWCmq5xrAw4QS8IKA2wo0sTKCNl"
    "JcSxfDPElbPdivC6mo1zkq6nVSReXQeSYaqtUIrvQEafVAvygE+kUO6BcZoLvOVHGMZ5Si"
    "HK3BPEJZPcj3tr2I6kJhmurBfHVZSBHK0YMSGGOTKeu6GMhhogMKjfYcO+p0ZEAr+E6nuK"
    "yZXgN1RTOo2k7sJO7/6D9003FPUsbA17DqgP8CHdtFdKTNmPC3sUtUBisYuVh36Bc5Z/f7"
    "+744ksMAhlTE8hLgfnbf/GecJa27hxsOGVXfJxafhU9wE2OPSlc2hUyBKQrrLf3EwTOUzp"
    "4oZZw1Pul58OYUze/0B2oPRF/4+2QOawad+zbVyu4fI/y5bQ7a7JNLfnURu3r2Psaz5STg"
    "587gC2B/gn9R1S/OxuW4wb9q7DvR09ZQiDFXoBZy/wRXA9QiXHdNbUOuRykl18vC9QCjEN"
    "v5t2fuyvFzyLfGLoyg+jynx4oS+WS1PJim8owWKbv1jU/5w489pEOObXIZBG5iE/+IFie4"
    "BP4MFn1wdbUUQhhxyz8idCq0LVBsqjadqbJg2ci26bxb4+RM+95MVQVqZBlQU6HtbAnVTT"
    "BPVYFSNWtLiFraKcYEFAVHsd3ZDG6/N1GUvhiupS/6fL7K7lD0Uweq2z52LW+WioOkvCAL"
    "j7HKwaAk2taLzJv3p9C0Ld9JU0kYXdsxZmjrDcyfpqowzehRDyfbrq17b5aqghQO+tkSqS"
    "6f6obNVFW0Aq+XZ5zeEq9Hf7JBYOiuImJU+0S6vvVe1fOnqSxMhr7tRtWjU1QVHmZCZy7+"
    "LSHqY/PJru4i2gFCVYOHWauMSyPLfpX8aHY5i1+BhJ7/mn9vdqeofSotwWFpucrJb/BsZH"
    "xQkfwGC2mIOBjqYGxYABJAfyWaWJyf4GyEdZ0CBOyF7aBZHbRue2CMkPb6E3CmCNiI0jsA"
    "24CKfHQmMIX2FGmp2Q97u5HMjZC5EaXZMQ6QG2FaaIy/iSC8otgNxsddvtEok/dFgkzizo"
    "1QjMn7OLx081TY7iICcJimgsv4/bsCIL9/lwky+yi2hpE1w1m29xzXe5RM+t2l3116YHfg"
    "d9eh7TBFaBO+x2l3wPmSRX+dCKNTXO1JTlvoxXjeiM9RSsnlMnM5CC4W0m+iRBvl+5Ruy9"
    "6BqpOIVEnAnMT4B6qj4gmhynoi9ycjhGA104lBnGUioZctOF/q3LHVRRGgvxt5GZitZr/V"
    "vG3X/syOAdqrvWUV5pJmc4kEweTYXZZxNwVtLw8EAXXKEtTBmWEB3ZhgUgc2IlodoG8syP"
    "T8/Px1Hcwt7DiImUu4JYTOSmzoiaDGmF/yZkkaXXZ+hyEZkqbq0Lm8XcMG0ELA1CnbAdbs"
    "OiCGw6w7bO0DFqjVCCbEOjBcR8cvyOaXLGNuA+wABrZd0Irza/h5o8uIfhy5FLgv/SWWMo"
    "IeXfFLnH8K5/m/hcxEedUHKmYpOkitgWx7krioUlkVpFoyCt1IlGeKZLqlZX3mbHSGMttd"
    "ak/9dq8B2P9D0nroDpqtQQP4b+ie+thRfmz/0gD+myHp/9IftO8bwHuN7+yFDGPFsq9ykq"
    "/iNhsPbuYMEpUrY3QylTyZSu6BFAQybYBvlFRCnAWx7x/bBOIoqYQ4CTHFY4SmUB8rxniD"
    "nSKLXEKdtZrpj0VCCd8xsjIfmmXyuWFTBGRvdPUSX3fvB+IPOVXL04wo2fhGqaqH817qFX"
    "ga/RaydnqAT6m2jFqr16a6DRWt+euQPD3e8r+91yG5bd+12d/e65DcPVCNtAH4C//r4WnA"
    "/6SvQ9K5f2z3+g9dPkXoDyqft7u3VDqn/w/J53a33eNDgnf089aX9u3THb0WvGNS/uMdl/"
    "HpC9UCmt1W+45+U/46JO1/Pj706L29140k/iJp6RfZaekXibT0qeOYLKh+tOmqiUxQ6oXz"
    "uT1g/KNMf3zo07fsf/qerYZHthSiC2cT9hQJVMiOU0iEKYQMVwI7Z5SqzBwpzRFlIZVFZo"
    "tVeIkQSZgLwByz3hbUGGJUUlFIKgqzVaJJ0dUbIqng2t2LdJVVrXWAvmUs3czirCcpwOZZ"
    "ptv/HESM0ok4paVh+u6h+zkYHg9eiuKt4fE4iXZ25FgwvhwhY+y2lQkZk8EGMthABhsUDj"
    "ZY1YpIjTaIlJLICzdwpoodGlko3oCHAPBgADwzkUXPH55+8foTazZBJwNe/iF3ywPs1IFt"
    "AB73xVIzsAMQ0bj/fgagrqcHHOz+FjvO73h66twKuO1dF2vnjGaTx2W99z50OvA7sf/eHe"
    "No8IrWeQpoeMfnPz3fQb+ND/fw3tsaN/YIIlyLGopWtqDOQzdsGup45+vxsxikwVoarE9c"
    "pZKpCNnoVzcVAX0zMZ1tA65HKSvI9RPhssxDkFyWpoG92nTFQ2u2jaapIqLS2HIwY0t88e"
    "4A2IqVFImjGnpgRe1X4VN2THfz6U7KSvW8uSpXVWqf1r5VudMUW1+kFmq2pW8UGVbIzDes"
    "9RHRQJt1pBvWgGEFV/r3ffq3Y3hJPX5pSZbkQ3/BAizr/zUAppeDOnfgjHWjNb2nLWHv29"
    "O9hsRCKjYxVZnr4KtfLO98iQV9Mr6+5tlHseQlm5kVQxlM5+BrUCqM0bAKMnTYkLAsKGS9"
    "skHwKZhP6SwQmNBy6MJmaVIO/WqN4IJNryBgUJ2LTYCtJSGdY1Udd5NUppC2KpaC9L3kH+"
    "2tUk1oZQigG6OSMQdJ+ZTlC5KswOT1RuEQeZnjD2rt+2bnrgH4y5DQDa/Bdr1NDMBFGpxk"
    "tzdJ9uxxR78hVayp5orkgLb4fTk6DhASPjK0RRLg7HiPYHyZV3Rpwz2CM3K0EE95SKOtBB"
    "MOsMiXQpiSoQ/nnJIJysMZHt6eyjkpXRzfoYtDWkWlDa9k1qbyBkyxdigpxhO/S0q22UT1"
    "BxSrwwJ1HUCvNInX3pCq96xACtIAdj4tjQwGXSZ1QNALsoDfcSyj7MqWE6aYEKI2Azo/Y9"
    "a/E4YFNdR9YWq4lixrUtKyJgELRSTZFUkFBdiLyyKt3+monAy2ZPt3B1qbSVhRygpKWCci"
    "URVzNBN7jqyN+BwjlQEFZeYzs9pvwuQwnXyUS81iLrQIsjegkawtNWs111o6mQuqvWESqf"
    "SmmJBY4wy6tW0AbQqlRDjNSKdjISHdG145J8ruY+np13IwyVi22QDHyCTQIkAr4t1D0qkr"
    "B/tVkfIpV9nlU64S5VPCwHHLjZXiMCyGe4i8csAXwT0b9gTqKgV0ghT6S1O75ubYt+KUVT"
    "oND2LsCnfkZU0hNmBBhE4yYGMGmJqIc8kfLR20cRg1bNM7EKQ6igpdO6WKSrbmkkIqY8WS"
    "ENN70YNuI6tOjLSC2r/0gksvuKi6erRCWlVEVsYXHCVHKOzF3hLcVmiqiqIbe3hLFr7xxX"
    "AtfdF3ZzOY3mInMaa+JrBDmfLhih0avzbOY8BCMdwZT0FhSSYBaK9s1myYhWpAB/hOX5ZN"
    "wsY8DVqA3esTYAUdZ6bLPptPDR2BsWXMWHhHLcbJfd1nSDg1y1Lh0SJ8GkbDSBBvrAN51+"
    "QzFnOybKdMB6iIt/GxXGf6Oju4JD1uJCtnRUaWHF3Xy44skR60ynrQoOOgmZlmVckWmUMk"
    "UqxLtVVxLR0JicthGolqmuUk0yGZdxBU1Rl5YOvfWqdwHg8q7hc+tCVcuiNKwATpjji6O4"
    "Jpa2Loh4gk9FusfU+f3CTJLEoqdYNy6wbSoC4N6qVHVhrUpUG99OiW26DeM3TdNe+h9VxL"
    "t6aHBtTXmdItPlaZBYPX2tGHtcEU22GzdtgKrXEj95AOjBVm8nz1dHSoOFOd1YWiEp5nRo"
    "lY0fdylyE58/iovQajhd+IXtffuGZAHyLzLOxLe7yXy8m+xD6K0kvjuDSOSwF4SwFYCmoH"
    "EtSkMFEVYcIry5gqRvgf5QsQoUGFCi14HWGYPxouz/ZzwFzm6A2rIOnXZwSsVALUvWYyde"
    "BxPDijfdEXzOn5zFzhCdlhXzcaMkMgUKGNwNlXxGZh7eC/vv7kzQRte25YGpv5GZmOVysS"
    "2gASAK2JQS6xBqbQntbpFY19LQ88MMf0wXCdIeHRApAQw2Hfh36LQqUgll9kTTEIxl9vWB"
    "1EJsj8QBam3K+JIVtIEW3rWuGGrnspa7Zc8oIYBzQS52I4871JBOQlQQURvrosgjAdlZNi"
    "lo6w6FKOEEmkiyFtUpSENuUlQfX6PRXCNwfeJLozY4R1sSbFSwqJ73p8fWHTAykV5QJlmW"
    "NzHDAT9XO72+4172pi6AdkDeC/GZKbzt1dp/u5Afw3QzJot750Oy02avl2SPrNuzYr58xe"
    "huRh8KXdawD+Elc3ivBz9/39THekY1WhugJKiWnIrkIcp6tANnGeCWsftYhNC79QbDbAPk"
    "4owRcG3xNdqDKO6S3TDOmGoSNI8uSeMHGMAyNKvS8WLK8clgs3Dw93ES7cdOIwP93ftOn2"
    "w1lCB2EnYkqPn9Gbgp9CLdEXQB+bCtR1Y56EPbvrfZgm7rzA6jE637P7HaO9McMofzOK7z"
    "v1qIOCTZA4CXyTn8LMekKqQZywgiLsdZGeFnRUthB7nehrscSNdQiZbBTTljGFLPtYas+e"
    "rJP/HVYI8Atib8D1KKXkelm4nvKw+99ehrHKMNZTQlaGscow1tKju2XkyQp2T2lXg1qEWp"
    "rdS6SXrB9c8lNo2hb9pEKs2Gtb2Sz4ssN40pBeG9ajJNjOydYG+jQBG+t1UHUMYFrGC/Ki"
    "aZdBL6/sIA6HCgZUdrBZ41jPQkR/7GyELBZGw8JtjDk5B1zSifFjT7cZEkjAl/tm603/S/"
    "Py+j2vncE72NJ7nbmsa6wXHGSar1hPWKpgOOAZLV4HcT+f+O3pYPq3Tb+qjt64FKUhQd9M"
    "TL+DF/7DPjTZN4djh81oGF5f3LllkAldQRjx7+o3pSVoTgex+CALmTpUEfvS56DPZhgSy5"
    "jbrKLIAtCtlP7WUMNdMDGQ3WBXFsALZnIMtv5W0cz6Auh4hh32O1lT3OItbEPBXzJS6FiR"
    "QrLTqqBdqkiPmewOM4n+MqdWw/q0YzDYvipsbI0QVRDp3dcLP5kqM6dSRtY/+jdpXBOhrK"
    "Al63QtV0mDJZfoNmk1FqKTjogyc1g6IrL3zNM0SctSxUc0Sft2BjGLdIRI4ioN0kc1SK+M"
    "INvao1czVRTb6JNbqjzIwBeQZkEN+QlyTKbhUWstpO0XZC0A/3JL+6I/AVDpr3llgxtoY7"
    "UO6KoY40kdND37ZR2ELbl10GWhpMygmLCO7v4WQ3ILF38ZUOkE9BC7keoA+vspgam7nkGR"
    "iQBveN7jCOpsuXNbp45f6M09S5NnhSyU2LjKS0yYHkOj6GPluLbMXSyNRVLmLlYwd7FkKu"
    "UBYPb3lVSQ19vVV9QHjPFvtgadn9o1Mcx9qgbwXoek0w2uBO+G5LHdbd4NfmkA/w2/ctvp"
    "flaaj4+9h59Y8kz8yibG+T3kPXnHjogpM0wiTZlxnW2sU9XZNpFQuewokQQ1USwbjbCjcD"
    "9sil0JqXgG9SxHUoQyblfySM/9Kfa287wV3HR2YTu8bbc69807+szX38WSJ4Kd4l0yzRQT"
    "PHNnigkXM5SmEueCnUItAc8H3DFM11RU17IQUXFa3FB29koarcxiidhMd5HF4tAT2ESWKv"
    "48xCi/w2fhg8Cj4C9kIcE9TFNBBemqSIhAdoBAHGHf6CC4ikNU3+EKFtrNA9FYwUQR64aa"
    "QinFwJReEWGQNvEyps4gfcpl9ilTadKEuiJcKylOVz3Dzl5iyOZoZLONTgDpEEn1QL4uZD"
    "27zrGeXSetZ6YCbRuxFoepzt2cRR0nrB7gezFXenUsFaiqyE5LzsirzJCgPWBdhsDzcbJl"
    "GXzwpljTEFFsxDVFITU3ewap7O5c2X2BllDNnmC8LNUjXKoHkxcDq0ix1SnS3Kzibut9KW"
    "nzHJAd9w/dwZe7X0TdKl0qLTYA+39Ibpudu18agL8Myc/t9o/sT+91SPwbNED4TqIFxooc"
    "KRfZJ8pFUtXjDnQlAJ+CnWkzzT1ccueRBYBECgD5EGou/QcXIi6tNNLDqd9Xp6J/BzCxVA"
    "YdiukIabTVk10vCsmuFzmy60VKleBvDrKIJ4Gy+B36dQS1huwZJAsKscByTDqdheZQ3ziX"
    "MD7HAc/ou4fWj+1b0SPao2oA73VInrrBleBdOY5i1oPI0tiatpBDT06WjS14AORNIe2wGT"
    "qdZszoLYSsF3HC6m0/e6nrpkGsL1iACNE2i4JIo9/amVMyPuzamWM72FLsKXxGRGHpmyxm"
    "LTONuUjIW+Z0JX4Kas0GaA7JTQPcDEmrAVobbflFdvzsDT+RfusFYtOVTNCFyPaTICwx8G"
    "UynoZxu9wU8EsJeGHAVeyIhUH446sH736keTQRrEexopAQF4KY2ZmppBcURSouIEbIqgf2"
    "PjpXUIXeEtsuViQVRLgIwNn4Js4+kxfO0hRVx4rh19kSsO+m0ku7roBdN9yVwK+1ZqHfXW"
    "wJl9hfM5PkyqbNDrZjy7qpJF8E+CLcdUV2W9nchcuCA/8QbHsWpjkg5E+D1r5Q33e5LQ1T"
    "kXBOf50xFwocidPJcJH8B2CDcBFZ7yf7qahuvR/ZeKBqXE8JxE40HvCqkWzC9SiljLYvD5"
    "OTz7as5bUfn2kAkVdjR7DLRDrxRjiX7NHZNcz0SUC6LopvjEoCK2umHbFmWrAadwBuLzTV"
    "aa3fouDGHt0Iuj16GvY6rUEtbyfeAcpPdpURTj98IkDTrwK6T3d3xbqlqFpajoFQfxTtFH"
    "O7swCPatSapdjubAat1GoQgih94R0s+ny+RZUhswxdd026Rq3n7VHr8cnu6VyVhcwrNbmb"
    "NkVVBcmBE8VKtTkKgeRXlRzASVWB8loFKSPdULd9+rp8qhs2U1XRsrHJag9sewb2sVlQ7j"
    "gZlA5RwpY9hjlVbP2ndH0hW8XxR64tZvtAEKCDWZVZuKwxy7pg8TnZZb/BFrANMMa6Q5cG"
    "mBvWM4A6fqYDCEC8WC0iE0wQrw0bKWW7jxukFp8NF/FlPz9eeFYWkt29aSO7kKy/AAv7Hb"
    "3h+3I5HhTZ/cevyW6wBzIkyY6leUdifbcdS/d5wN4Z9PBoem2u0k7YyOe5R6zORiowNLRg"
    "wXhOSHFb1MHYYG0oLcNxdIo7GC2WHS5ZxXX6p9f3MnmYbjXT+raQ8og85BEpXDNqu2JRpT"
    "4m91IsCpsi6Hqjqwft7kOebFdVEdKEQykjdAeMmzyOc32HYZPiQQ2HDGE56NI+zQiWrLil"
    "hOh5ROlo4IkRKFM8Wg4oIB854bFrBSQ+PWC/5Y0xHnNTAQFnnuhSDySa18CE2Kqzxtrclj"
    "Cf0q1mKe6cMXEsEHdeJyWn3d9iSIakj1gLc+sFq8j+S/SXn5sLXzpDwDR0rC6yTRfe0eMd"
    "79JscUyZrEwiwxHTlHYvM5RP2D0ivHuRdscUL9dKc8tmd/YIkchCInGpS4e2o/gQbRBXmk"
    "Iug0vLHFzKPYRIU1gJqpStKp/bCWLJ6zLzeqmKbtLwO0YrOV02TpdErbqnWgOcpCpUwUf1"
    "PFVqFhpUyJHrqSZMfenf94FjAIOwtp4qNjEiTh3MLew4iABmPaZqCZ2R2NDLAAu6jE4hmd"
    "BPptABKnRtTzZIOHT3caMhwQ63Wtt0CgDHDut1asxm2DkHX3UEbeRtrl8Bj6Oi6hkdqLFb"
    "mJbBVoxNGWCMDI2qaBQhOmrhj3CGhFOyG5M6vwcEqgXtKeJ305D1ygb8FsDGM1NfAMslNj"
    "DczF6nMSXt11DPQIK+OYF/gHcw3VVz0xs8+V70u79eXl5dfbh8e/X+4/W7Dx+uP75dCnPJ"
    "j/KkupvOZybYRXaf9Vrg8fyrJTsIqtIzvuKwjiwDairTN4SAjZPtCdrTsw8lmvqkGy7Wl9"
    "ULkZfZjFFr3zc7dw3AX4aEnukNdrDHj/4ipo0i9SWzq0smaks+Y5JRS3g9+AFtqZEfUAG3"
    "Adj/Q9Kikm6z87nbAMG7IXls9vs/P/RuGyB4NyQ/tXudHzqt5qDzQMeG/2INgH966LR4/1"
    "/+hl/pDPyxq/dD0muz73TX6f7YAKv3m/D8okhVo4vsskYXibpGjiFiKvRGl5nNZbIT2u7o"
    "N6SmaL3ZAIdIKlCH5QAdlJgWojhUEUiinF3rJkJUAZwPXe+G4zd1Zimn9RrQA6Iq1Js7NO"
    "o2gjrVZhmOIrjHyCTy4shPEdSotulbiQSbLqQS72bTOa4BYf/1b1emnk2k0hX1Abf4/3tq"
    "P4m3WPCoGsB7pXpBu0tlVfb/kPxANQX2mfe6idT4voiLOdvDnCiF6VncRNyfYRLp/kx1fy"
    "LLMlKi37P39SiV3NbFt3VWkRWzvdlCY8T6h4vVKE6lrgIfDlHZXBaM+04CLyMJwjGHjSDr"
    "U8gryP8T4Xch53/ImSjK7BipdP2Xmc/MkbxJfMeKTPK3zPyV1QBlNbXDPjY7qaZ2nGCkcO"
    "2SlICkWGmT7KCkcDkVPnJtZNKvdFlYTh3wF/A/wMZ/oNdBHJAP2CsbWCwgqA6m9NewxFUW"
    "URREVJyDHmInL0txhWB560hY0l7uMiQe/2w+i2XMG/wN/wxgG4wtRCef0AXBo4rolSl9RR"
    "oLHQK8fAUk9CYsasgbyymzE0FCjxr/HTIb5KjZIB4PErjmBWItSap0shwkHCtcg+iPFJtH"
    "NuT+8CohvrvKvrZNj+iNbBox0goqtRU2akjZeE8BYbL0jtQ6TlHrSFvEOwBXljU6plL3SM"
    "/ouWFpA+MZkVqKWhcdUM9T7Ex/KFVJgrFrVbsmYNqSjt647FP0zcQMcWAj500wHVWDyDM4"
    "gywZ5AV7baVZ4ggEyxGsSraTkrO/09l5ur5Dl7cGoKfO9b8031xevw9KENpItZDjKXjee3"
    "YZ6WN6Z2yzGoVUUAgyWoTKKv1ac/1amBvnfkhVbktVznQtKmFluFLXR22EyMscZ1rLDfb1"
    "43zjz1mhEN9iVQxzihgmQ3xZr/kptKci7u0oVeXilXZfd0G6tLOhr672x89KZG/A9ShlBb"
    "l+Ilwu5uA0N/RwmtLFeRoclmac/ZhxmEAuBmqIQiIqzTfHNN8E2uSWwFasQUMc1dADWyqT"
    "DbKwoWG156YbbEIf13PNNf5AxXILGmt+niLCDCM+IfjNGDGPNYtfBJqLPgGovdAVw0wsX3"
    "lQI52ZCglf2SBeskOHeMasJbzYh0uSBpu93GGLstX8NfGgZGuXwfjK6ZU77EKQbWIJcVRU"
    "II2RSrWj1EIpz/HgzyrL4EtJ+8t+wlJIZW5CZm5CSepY9dCYrp5pppMh8nnuoWV5Izd1MQ"
    "CfHnD6T8Bktn3ieAFb9HPNr0P1Qj+2uVHfq+BrI9um0+V7GHYxuWyxUC6rvzQySyOzNDJL"
    "I7OU9jaX9tjRtwGPQ2TSxFxm/vryS6o19Ompc5uVJBWminHYdbF2zmir9eh61ZY8XoW5wH"
    "9prjXUR2sX1lDXmfZXs50muGttd9HVVSbzXY8qBbrORfsUPcj/rJ6vA4VGFVB/TGg5lMlg"
    "Yhmu2eCKB2/QSxUPxLNOkIYdLziJ29D8aDUbBPHbrD4vdtKUn11OvS6fhWMl01mOqQ0d1x"
    "x6bEFclo+QapDMtCj37iUdyiXIQk7mCaQU1brxSX/4sYd0HnadDbhAjkA59bwE4Al3/JYI"
    "FXTFnwo6exXADQ5FUvg29DXtNKxgRAGhm03OekM4zBttImuGuUJi1wFFETPJl14M0sq5qD"
    "yxIHE8iZgviDR5e0ezSlG7FIeVFLUPHXsQSudYPTxJmP/Rf+imwxwjiwvaWHXAf4GO7b0J"
    "B7W/jV3iNcIZuVh3MLHP2f3+XtvvHp0GPYMpImMnqhfGCxXGhGc2QaIIM/tVCk4xdeW2hg"
    "6THbAz9PLK6baGltqH1D6qqX0cTq4+FaT3Klj3scnhSpGtg49yxWsbm0oQmbxexO53HgF0"
    "WUM2B6sw6AwHQ8WYBqxxdpDEi23wjEzfFu3n72p4gmwHsDgN1gxujh11mhC693SfISEIaX"
    "YDfGlegP8F97fXZ+y3M9waFoL6rBFM+bqQyB4QJ8T2yCj0zUGEu35k9vBBxfklewRE+jBN"
    "BcX6PbQIX67u5J6fU3ErQlah7nAHLrrFdy2R9b0kqODivrwu0seMjsp2D10neplN4YUIvv"
    "7wCqJ7VaRf2FV2v7CrRL8wv8+eSPOHMIls/pAoc2UKYWlKGFNhpCIx1HVjLmKjCtNIA9XO"
    "DVTSSZ+9+qvrpHdNbUOuRykl18vC9ZTY1oRnVhpHZRHM8iMrzc6yCGbp0S1xEcwsq/V6k7"
    "WAudqB4zG3HJMgPqMe1Jn0YqjZXGDOCiB8DSK8eV0DG6WEXm8/ncw0LZeFGLF6oCLmnSVB"
    "5fJL99K1XAbU7Dd2fVn9VzRZOkFYRcT3YQ7GtkKPHPySsqxzQ2UidAeMlQk2lJMNlVmuVH"
    "qGCmIeJ5WwF4edl3zRjQnepDBQgljmEpfH3pI0s0njavaJcppmNpkBdTwzW6D4iQEbo6pQ"
    "RMTugKVHvSCoKwq5VKXd8ph2yyCNaUtgg3ypiqIaemAjkPboYdfrtAa11J12F7iGpjqtXb"
    "YwtNEDJgPeIhHefpmPLYO8q1kSJbI+fdu3IhNyi6AV7WS1JVaJDlpVWV/7dMk0kYXVaS3F"
    "KeN/Us9zy8DVmHWOmWwYpIOkXA6SF7prpcZ2Z5uWQyTSqFzMqMweKgGE/eEVRHcvWcf0jg"
    "5KU2uyozlDJIcP5jyO1XJnYZsJBfOQ8QV//j//38Pr"
)
