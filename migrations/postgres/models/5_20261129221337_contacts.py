from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "contact" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "name_key" VARCHAR(200) NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "email_key" VARCHAR(320) NOT NULL,
    "phone" VARCHAR(20),
    "mobile" VARCHAR(20),
    "contact_type" VARCHAR(16) NOT NULL,
    "public_notes" TEXT NOT NULL,
    "private_notes" TEXT NOT NULL,
    "email_verified" BOOL NOT NULL,
    "mobile_verified" BOOL NOT NULL,
    "ip_allow" JSONB NOT NULL,
    "password_hash" VARCHAR(255),
    "password_changed_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_contact_account_790c8b" UNIQUE ("account_id", "email_key")
);
CREATE INDEX IF NOT EXISTS "idx_contact_custome_cdab00" ON "contact" ("customer_id", "name_key");
CREATE INDEX IF NOT EXISTS "idx_contact_account_0fcc4c" ON "contact" ("account_id", "name_key");
CREATE INDEX IF NOT EXISTS "idx_contact_account_b8750c" ON "contact" ("account_id", "created_at");
COMMENT ON COLUMN "contact"."contact_type" IS 'GENERAL: GENERAL\nBILLING: BILLING\nTECHNICAL: TECHNICAL\nSALES: SALES\nOTHER: OTHER';
COMMENT ON TABLE "contact" IS 'One person of a customer. The e-mail is the portal login, unique in the account whatever';
        ALTER TABLE "message" ADD "sealed_body" TEXT;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "message" DROP COLUMN "sealed_body";
        DROP TABLE IF EXISTS "contact";"""


MODELS_STATE = (
    "eJztXe13mzi6/1d0/GXac91skzRt17N3z3EcT+tt4uQ6zrzseA/FINvaYMEgkTSzO//7lQ"
    "TYvBv5FTP60EJAj8C/R0jPu/7TmNsmtMhJ2zBsD9NGC/yngfU5ZCfJW03Q0B1neYNfoPrY"
    "Em31SKMxoa5u8L4mukUgu2RCYrjIocjGvHEbGLrrIui2AHyC7guw6Qy6wLWfwRhaNp4SQG"
    "0Av7FOLHYTQxB0f8L7N22DPQDh6eZdeRj95kGN2lPIyViHv/6LXUbYhN8gCf90HrUJgpYZ"
    "AweZvANxXaMvjrjWw/QH0ZC/5VgzbMub42Vj54XObLxojXy4phBDV6eQd09dj8OFPcsKgA"
    "0R9N902cR/xQiNCSe6Z3HQObX/AstrDU3r3w61++5Q0xophoQUEWCDS4aNOTPZqxLx66f8"
    "Fd6cnb778O7j+ft3H1kT8ZqLKx/+8B+9BMYnFPD0h40/xH2d6n4LgfESVHFMwdqZ6W42rm"
    "H7BLLslZPIhjgWQRteWGK7HL/7AHeuf9MsiKd0xhF9+7YAyh/bg87n9uAVa/WaP9JmH5z/"
    "IfaDW2f+PY53BF9vPoau5up4CjVCdZem0b5E09xxnE2/elxnoB8M28qA74/sv56dnZ9/OH"
    "t7/v7jxbsPHy4+vl0M8fStorF+2fvEh3uMNeH4T/FjbNnGo0bQ7xmDfxUv4rQ1YsWGk8wS"
    "ZBf+5iEXarpnIqq5UCfsfdLD3rYtqONsrPO6SMA9Zn3sauJZXNkB4kXj+Pb2mvc8J+Q3yx"
    "/YiVHdf7i57A5enYp5iDVCNGeww7mOLG3i2nOZKT5OtdZEX7XxHZvnz8/KzPOsVe48L+7F"
    "oSZz6mgzm2RM7/lIx4jqB/TZxUWZBfXiIn9B5fcygHbsrHU0d+KO0agJOz1RCICoRTSuZ2"
    "SP4C5b/QS6PfYmOjZgNsrRTvYnIzbuh+3BcHh935ADvNG/7XdbgP8/wmEfLRCejbD4M+xX"
    "cvh/LDH4P+YO/Y+ZA98j0JUV2VOEaqaRmGl0Qp5tN0P1XAF4lFABXhJwoukO0sY6gZrnWn"
    "KYp2nrB/tFKRX1okBFvUirqAI630TDtBrJkZ4irR/op6VAPy0A/TQHdI/ONGo/wgzlaAXm"
    "Mcr6Qb6z6UVWF4rS1A/m87NSilCBHpTCGDlcWbfkQI4S7VFoJM+IGrOxrbvhOx3jsOZ6jW"
    "5pps3UdkzSuP/j/rafjXuaMgG+iQwK/gssRMroSOsx4W8TDxscVjD2kEXZi5zw5/19Vxwp"
    "YABHKmZ5CXF/ddP+OcmSzvXtpYCMqe9TV/QiOrhMsMdgI5tBpukZCusVu0PRHGazJ06ZZE"
    "1AehKeHKP5nf1A8xZbL8E8WcCaYe+my7Sym7sYf67awy6/cyauviSuvnqf4NmiE/BTb/gZ"
    "8D/BP5nql2Tjot3wnw3+Tmy1tTVsP2u6GXH/hFdD1GJc9xxzTa7HKRXXq8L1EKMI28Xbc3"
    "fl5DHiW+MXxrrx+MyWFS12Zzk8uKbyCF8yZuvLgPKHLwNo6QLb9DAI3cQO+gJfjnAI/BEO"
    "+vDqcihEMBKWf4hZV3BToHhXXdZTbcEikBDW78Y40dm931NdgWJ3qW7QDYHq+L3UFiSPUH"
    "sO3U1RCrqpK0xz9qno000npxu/l7qCFHWab4hUX3R1yXuqK1qh1dg37myI113Q2TA0FNUR"
    "MSa9QcvaeK4aBN3UFibb2nSiGrAu6goPN0FxF9mGEN0j54HUdxBtAaG6wcO1PfvMztP/0r"
    "fmZ/PkFR2z9d8Mns2fFNfvsgKEF5pfQXywr2OKRmXig11oMmUL6RaY2C7QMWC/Ek5dwU/w"
    "aowsiwEEyAuhcN4EnasBmEBovv4e0BkEBDJ6ChABTORjPYGZTmbQzIwe3tmDVGyxii2uzI"
    "yxh9hix4UT9E0G4SXFdjA+7PCNe2nfl3HSJo2DER/t+yS8bPLU+OwiA3CUpobD+P27EiC/"
    "f5cLMr+VGMPQnaM821WB6ypOpvxWym+lPBhb8FtZOqFcEVqH70naLXC+YtETR8LoDFdVmt"
    "MufLIf1+JznFJxucpcDoPzpPSbONFa8fKVm7K3oOqkPL0pmNMY/8B0VDTFTFlPxc7nuOCW"
    "PR0ZxHkmEnbZ1Z8XOndidDEE2O+GfgZTp33faV91G3/k+9B3am9ZuomzbC4xJ3KB3WXhty"
    "5pe7nFEBgznuAJXtkusOwpwk1AIDabAH7jQVonJyevm+DZRZRCbi4RlhDWKya6L4LaE3HJ"
    "7yVtdNn6E0Z4hNsGZX35swYBuguBYzG2A2SSJsA25dYdPvYBD3RohR0iC9getdATJOKSaz"
    "8TgCjgYJOSVpxfo98bG0bsduxS6L4MhlhGC7Z0JS8J/mmC5/+SMhMVZe/WzFK0l1zdfHuS"
    "vKhSWxWkXjIKm0i0R4ZktqVldeZZvIcq210aD/fdQQvw/0e4c9sftjvDFghO2Jx619O+dH"
    "9pgeBkhO9/uR92b1rAPyZn9nLpC6WyFwqSF5I2Gx9u7gySlSsTdCoVM52K6YMUhCmtg2+c"
    "VEGcB3HgH1sH4jipgjgNMcNjDGe6NdHsyRozRR65gjpvNLMfC6USJhNkVV40q+RzQ44MyH"
    "7r+iWObd8PJD5yppZnGVHy8Y1T1Q/nneT7+hr9BrJ2doBPpaaMRmfQZboNE63FcYQf7q7E"
    "3/5xhK+6113+t38c4etbppG2gDiIv24fhuJPdhzh3s1dd3B/2xddRP5g8nm3f8Wkc/b/CH"
    "/q9rsD0SQ8Y/c7n7tXD9fsWnjGpfy7ayHjswPTAtr9Tveavak4jnD357vbAXu2f1xL4i+T"
    "1nman9Z5mkrrnFHqaE/QHa87amIdVHrgfOoOOf8Y0+9u79kp/5+d89Fwx4dCfOCsw54ygQ"
    "r5cQqpMIWI4Upi5oxTVZkjlVmiXGjwyGy5CgkxIgVzCZgT1tuSGkOCSikKaUVhvkw0KTt6"
    "IyQ1HLs7ka7yqh0O4becoZtb3PAoBdgiy3T352HMKJ2KU1oYpq9v+5/C5sngpTjeJppM0m"
    "jnR46F7asRMsYfW5uQMRVsoIINVLBB6WCDZa51ZrRBLBW7KNyAzjQSaVkq3kCEAIhgADR3"
    "oMvWH5F+8fp7XqyddQb8/EPhlgeINgGxgYj74qkZiAKITeG/nwPdsrIDDrb/iC3ndzw89K"
    "4k3Paeh8wTTrPO57Laex9ZHcST+H/vDrE0+EWffAU0OuOLn17soN/Eh7t/721DGHskEW7E"
    "DUVLW1Dvth81DfX89fXwWQzKYK0M1keuUqlUhHz065uKAL85iPW2BtfjlDXk+pFwWeUhKC"
    "4r08BObbryoTWbRtPUEVFlbNmbsSU5eLcAbM1KiiRRjXywsvar6Co7YbP5bCtlpQZ+X7Wr"
    "KrVLa19YMDDD0hepJZhv5TMijUoZ+HyLG0/b0UHoGz0BwxkE8A3f34lXUOH5N34N6DAlyO"
    "dRmP8TfM/geca4++R/ZCkz3y4eNMKIEmDoBIJXX/3tqB7hy9egBExYI433/AgdCmym/wCd"
    "8FIyuju18Rnyy8I02RWTv5YPHnhGbDh7dIT5ppSGjnmSEnsf9hZ55sVYhtDiRfwEoVhCkh"
    "Epdcj56zdLpBjl3oioqXK5R3+WxCNVouZIw2UXQ14S45BG4VwOZzE3yYC8IKghwjvZ4G85"
    "+8uiXOOxvBOkHYaS1KS8IKifPb0UvgXwptGd22NkyQWBLSgUvqvxDdPvBEiZKK/2hSb72K"
    "NP1I9cv5b1igZkYeT79Qhf9q6ve/1PLRCcjPCw2/nc73V4q8XpCN+3r7t8y0V+GOHb4Wee"
    "HysO1fCfOt7YQobGdIWs+rn5UX1Juj3yUJJ5lQ3tc1z0xLBZA/skoQJfGnxfdGHKOGKPzC"
    "p7UbR7d5pY7dstsW+3v+KuC34GtUJfAn3kaLpl2c9p2POjiqM01YgsrlUxysW2CLL1WFOE"
    "NRRhd7KpYIibX/BpHfd8ThfKT19lP70Ktcr/6uobaqV2K6wb1zM+9vQGeyomZycxOYdLYK"
    "0jsio25yCxOVGH9obg1nAbwCS6iY+3SnlmC/SzQk8inCmIPYm2Whl80n2C7gsQL7coGht0"
    "AAz2a74j4FInyGiCjo0naNoEbdNkixppgh+FxcIQ4UdN0OfGOx7BkbQD7+ARI3ylv/xlyE"
    "QUMID8QUxlZ7+fETiWFxSqZXLAGxFpMtYtPuBFcAkvZCuK4mJoAfGFlQolWUaCpCJJIq3Y"
    "h0U9oqJFVLRIFebCukaLVMyasAeYg3klE+TVzskl9R69Ku3OsPdjV9KcGVC1gH8c4V4/vB"
    "KejfBdt9++Hv7SAsGJuHLV63/S2nd3g9sfubsyeSW5Ih3I0+wvOxmMzFcyIiT70zDeVnq6"
    "XwI6sZj+TByY5XHJhTROpEBNgmrCMaKaheYoy7gEDTTXrWxkE5RJ45JPehJ0sbOZ5+0BfC"
    "hX3U7vpn3Nvvnmu4S7Kpwp3qUDexBGc2+uOfrLPDMruRDsDGoFeDHg1HY8RzM814XYQFkR"
    "Cvn+wixa5Tfcut+QshXYga4h/z0kKP+E38IHiU8hGMhSgnuUpoYK0nmZwNj8sNgkwoHRQX"
    "IUR6j+hCNYajYPRWMNYV5xfg2hOkKpxMCkGMjkCke3NOk8hSRd/VT8ncTQP8Mx4UNeAukI"
    "Sf1A3kldGkfTCYEut8XKFQVOEdYP8N1seC5ySDW/flwa8MKoyBTtHmMiQxv40YZEBuDNkG"
    "lCrBEodAa5Dbtze1Bqz9bVnifdlYqXD9urMHnpMHmEn2xkQI0YM2h6eYlVq63qWf3skR03"
    "t/3h5+tfZA3s/dt+twX4/yN81e7xXS3EYYR/6na/8D/94wgHD2iB6JMOvpOd70rVQvAZ2L"
    "nWs8LFpbAfFXwvE3wfQGh67J/+IuPcyCLdnyJ2fiyaWAgThXPH0uV0hCza+smup6Vk19MC"
    "2fU0I0P/G4Uu9iVQHsnBXkdSa8jvQbGgFAtc6rDuXPisWzk2iNXrdLKPvZYr7nzpXsku0T"
    "4VL1jMjyP80A+vhGfVWIr9jXL4mHYhZSsn4kF0cgtAURfKIpej05n2nD1CynqRJKzf9LOT"
    "nCpTR9YLDxXA5nr+8Cz6jc36FePDts36hCJXIzP9EWJNpxTy6KUNdj8s6K7CX0Gj3QLtEb"
    "5sgcsR7rRAZ60pv8yMnz/hp3ah9ENy2UjG8FRm+kkRVhj4KhlPo7idrQv4mQK8NOAGonIO"
    "8aB9/eDdjTQPp7kTeZ58OK3+XF0liLmdmUl6hm3K1eOKk9UP7F1UjWIKvSs3XSxJaohwGY"
    "Dz8U2tfY7j2k/Q1AwLaTyJR9K+m0mv7LoSdt1oRSA//Yop6b95yN2otlBGT4or6xYa2owt"
    "q7pSfJHgi3TFM1XpbH0XLq9M8btkydEozR4hfxh2doX6rvdLMxETCZ/Zr7OfpQJHknQqXK"
    "T4A1gjXEQV/cn/Ko6z/Isq+vNn5HqIUVHRH78uxTpcj1OqMm7VYXL621alnXbjMw0h8qut"
    "SFZ4yiZeC+eKfTrbhpl9CdCyZPFNUClgVQGtAxbQCkfjFsAdRLo6rvFbFtzEpxtDd8BWw0"
    "GvM2wUzcRbQLnkNoJHinD24hMDmr0K6D9cX5fbUTDYo2LDvQQjm9/VZN5I5J9PNTfT4CEF"
    "UlDcbKhP6woU9uZjNirHlm08bohWX3R1yXuqK1oEOTzTOCvJRwape+TUbO/U3e7hGfkMC4"
    "opBl/p6nqKGg1altrQkzWOb7L5PTsXffLLfL9M+xkDYoMJsigbGuDZdh+BbqFH1gADKGom"
    "QjxFGIoShamNPLf9gMwaiNFakvznJ+sfqnqG29er8usZBgOwtNPDb74rf8dekd198IwqA7"
    "0nLVaVKi5aEpOKQIVLFV/zvaHblCeX0awVNna/cIkVu0yLAO2wacm6xYKQ4fbSBBPbBXTm"
    "2pRaDHcwfgFBIKwo/Mv+9Pe3Ti+mG/WUsWqqJfKAS2T1NtY93DK5k0o1yJFB129dP2i3H2"
    "9BPMOA0JSO44rR7TFo6zCevS3GbMl7VPfpP9/r0D5O93le0ERK9DygdDT0xQiYKx4tGpSQ"
    "j2i07UoBSXQP+G95Y08mwlSAwStfdGmGEs1r4OjIbQIm8QhbwvOMTTULcecVF8dCced1Wn"
    "La/iNGeITvIQQEuk/IgOQv8V9+4rwE0hkEjm0h4yXfdOEvPf7yrswWh5TJqiQyHDBHYvsy"
    "Q/WE3QPCuxNpd8Lw8tys2O78AvMRElXFICl1WTqhWgDRGkFtGeQqsq3KkW3CQwhNjde/yZ"
    "iqirmdIla8rjKvF6roGh92klZxumqcrohadcO0Bn2aqVCFt5pFqtQ80qiUI9dXTbj6cn9z"
    "D6gNbMx3lzOQgyCmTfDsIkohBtx6zNQS1iMmup9+Em52JzbUZqc6BYbuEV82SDl0d/GgEU"
    "ZUWK0J6wLoE8q33LPnc0RPwFcL6gT6k+tXMNfdR8LUM9bQ5I9wXJuPGMIYYI9tk6loDCHW"
    "6iVoQUdYUPIH46Z4hg4MVyczKJ5mQvc7AsQjAEFzx3oBrocJsL3cLfcSStqvka2rMPxGQ/"
    "+A2EhvW3vsXaLpn0W/++vZ2fn5h7O35+8/Xrz78OHi49uFMJe+VSTVXfY+ccEuNvus1gIP"
    "51+t2EKw9f2L/Zg8SVxjRArWDFj9bSKy1evVlaci5FVWthvdm3bvugXEYYTZytPiy09ygS"
    "qjgJcpwZZfgC1Vfu0R4Zxym6vBD2krjfyQiWEtwP8f4Q6Tx9q9T/0WCM9G+K59f//T7eCq"
    "BcKzEf6xO+j90Ou0h71b1jb6F98t8cfbXkdslihOxJXeMGi7PB/hQZe/03Wv/6UFlufr8P"
    "y0TOGP0/zKH6ep0h/UljFo+a2rzOYqWbOIN/43NDJ0s3yAIyQ1KFWwh01GuKysUSauplHO"
    "LwcRI6oBzvsuCSHwm9F5xmq9AvSQqA4lmfaNOoG6xXQujqMM7gkyhbw88jOoM/1aC2wZkn"
    "XJM4m3M+kcVs1VO3FnTPH/99B9kK9C7lO1gH9kekG3z2RV/v8I/8A0BX7PP64jNb4v4wjN"
    "94OmqsX5diEZJ12URDnpMp100HXtjBjt/Hk9TqWmdflpnRctRHxuduEE8s1W5cp4ZlLXgQ"
    "/7KP6rair9ScIDY2msCbeCJOszyGvI/yPhdykXdcTlJcvsBKlyUFeZz9zduU4UwpJM8bfK"
    "/FUFs1TBof1+NlspOHSYkJlohY2MsJlEAY780Jlo0Q/RcmX8zK9sWLi0CcQB/A8g6Hf4Oo"
    "xWCQD7jgCXh600wYz9Gp5eyeNeQr//CRhAvvLyREwdLB4dC57ZyVNG2OcfEb249nNLnIh7"
    "ABEwcSHrfMoGhIh9YVdm7AhNHuACRJEFHbOH8NgWv62gzE9XiHxq4neonIWD5iz4PEjhWh"
    "QutCCp08qyl6ChaKWc3zNsHvmQB83rhPj2il8SwpbotWwaCdIaKrU1Nmoo2XhHAWGqQIzS"
    "Oo5R68gaxFsAVxXfOaRSd8fW6GfbNYf2I8SNDLUu3qBZpNg5QVOmkoRtV6p2bcC1JQu+8f"
    "hd+M1BHHFAIH0TdsfUIPwIXuk8ZeEJ+Tuv8vQGHSxa8EKyNCOzfKu9i6Ryyoa3CXRfnbv/"
    "3H5zdvE+LJRHoOFC6it4/jm/DK0JezIivJIeExTCvAup4j+/NrygYuPaGQpKldtQlXM8l0"
    "lYOa7U1VEbEfIqx5k2CoN9gzjf5HdWKsR361vHi1lGm+lkJuPejlPVLl5p+9UBlEs7H/r6"
    "an9irYRkDa7HKWvI9SPhcjkHp7Omh9NRLs7j4LAy4+zGjMMFcjlQIxQKUWW+OaT5JtQmNw"
    "S2ZtsIJFGNfLCVMtlAF9kmMgZetsEmcrtZaK4JGmquV9JY89MMYm4YCQjBv+0x91jz+EVg"
    "evB7oJtPbMRwE8tXEdTIemZCwlfeSBSWsHQ059YSUZLCw2mDzU6esEFxZXFMfSj52mXYvn"
    "Z65RZr5eebWCIclRVIE6RK7ai0UCpyPMS3yjP4MtL+8r+wDFKVm5Cbm1CRaksDOGGjZ5br"
    "ZIjdL1y0XL/lui4GENADQf89cLhtH1M/YIvdN4NqSU/sNhFGfb/OLIGEsO6KPQzb6FxtBF"
    "Atq78yMisjszIyKyOzkvbWl/b40rcGjyNkysRcZf4G8kumNfThoXeVlyQVpUpw2POQecJp"
    "6/Xp+tWWfF5FuSB+aaE1NEBrG9ZQj87ul70dJ7grbXfx0VUl891iW+9MPWi55XeRDhRpVU"
    "L9cXSXMiaDqWt7TksoHmIbWaZ4QJF1Ak1E/eAkYUMLotUICOO3eRVZRLOUn212vSqfRWCl"
    "0lkOqQ0d1hx6aEFclY9QapDKtKj27KUcyhXIQk7nCWy4Zb1EjkA19bz0lvVJd/yGCJV0xR"
    "8LOjsVwO3sjfTE9WLBO2xRQujmnfMdDCj3RjvQnSOhkJAmYCgiLvmyi2FauRCVp66OqS8R"
    "iwGRJW9vqVclaldisVKi9r5jDyLpHMuPJw3zP+5v+9kwJ8iSgjYyKPgvsBDZmXDQ+NvEw/"
    "52LWMPWRRhcsKf9/fGbufoLOg5TDEZO1W9MFmoMCE88w5SRZj5r9JQhqmrcAPjKNke9y9e"
    "XDneDYyV9qG0j3pqH/uTq48F6Z0K1vfIEXBlyNbhrULxmiBHCyOTV4vY9707oHt82zCKDD"
    "3cv0yPFGMa8u2dwyReRMAjdAJbdJC/a6IpJBTwOA2+ZdkzosYsJXTv6DkjjCE0SQt8bp+C"
    "/wU3Vxev+G/nuLVcqFvzVtjl61Iie0icEttjreA3CrFw/ajs4b2K8wv2SIj0UZoaivU72M"
    "h6MbrTc35Bxa0YWY32MNtz0S0xa8mM7wVBDQf32UWZfcxYq3z30EVqL7OZfiqDb9C8huie"
    "l9kv7Dx/v7Dz1H5hwT57Mps/REnU5g+pMleOFJaOgjETRiYS65ZlP8vYqKI0ykC1dQOVct"
    "Lnj/76Ouk9x1yT63FKxfWqcD0jtjXlmVXGUVUEs/rIKrOzKoJZeXQrXAQzz2q92mQtYa6m"
    "+mQiLMc4jM9ohnUm/Rhq3hd45gUQvoYR3qKuAYEZodebd6cyTatlIYa8HqiMeWdBULv80p"
    "3sWq4CanYbu76o/iubLJ0irCPiuzAHI6KxJQc9ZQzrwlCZGN0eY2XCCeVoQ2UWI5WtoZKY"
    "J0kV7OVhFyVfLHuK1ikMlCJWucTVsbekzWzKuJq/ohynmU1lQB3OzBYqfnLAJqhqFBGxPW"
    "DZUi8J6pJCDVVltzyk3TJMY9oQ2DBfqqaoRj7YGKQDttgNep1hI3Om3Qauka6Oa5YtDW18"
    "gcmBt0yEd1DmY8Mg73qWRImNz8D2ramE3DJoxXey2hCr1A5adRlfu3TJtKGLjFkjwykT3G"
    "kWuWX0ZZtVjpl8GJSDpFoOkic2a2XGduebliMkyqhczqjMPyoJhIPmNUR3J1nH7IkUZqk1"
    "+dGcEZL9B3Mexmq5tbDNlIK5z/iCP/4fOiY53w=="
)
